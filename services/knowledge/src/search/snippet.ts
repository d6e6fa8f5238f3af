/**
 * Words as `knowledge.search_form` keeps them: runs of letters and digits. Marks count as
 * letters, so a decomposed umlaut stays inside its word.
 */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
/** Maximum words of a fragment, and the words of a snippet without any match, as in ts_headline. */
const MAX_FRAGMENT_WORDS = 30;
const WORDS_WITHOUT_MATCH = 12;
const MAX_FRAGMENTS = 2;
/** Words shown before the first match of a fragment. */
const LEADING_WORDS = 5;
/** Matches a fragment may start at; later ones only add to the chosen fragments. */
const MAX_FRAGMENT_STARTS = 200;
const FRAGMENT_DELIMITER = ' … ';
/** Marks of text left out before the first fragment and after the last. */
const ELLIPSIS_BEFORE = '… ';
const ELLIPSIS_AFTER = ' …';

const HTML_REPLACEMENTS: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const HTML_SPECIAL = /[&<>"']/g;
const HTML_SPECIAL_ANYWHERE = /[&<>"']/;

interface Word {
  start: number;
  end: number;
  /** The lower-case word when the query's forms have it, else null. */
  match: string | null;
}

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return HTML_SPECIAL_ANYWHERE.test(text)
    ? text.replace(HTML_SPECIAL, (character) => HTML_REPLACEMENTS[character])
    : text;
}

/** Returns the text as HTML with every word of `forms` (lower case) in a `<mark>` element. */
export function highlightWords(text: string, forms: ReadonlySet<string>): string {
  return markedHtml(text, wordsOf(text, forms), 0, Number.MAX_SAFE_INTEGER);
}

/**
 * Returns the text as HTML with the words of `forms` marked: all of it up to 30 words, else up to
 * two fragments joined by an ellipsis, and an ellipsis where text is left out before or after.
 * Fragments are windows of at most 30 words starting a little before a match, the ones with the
 * most distinct matched words first. Without any match, the snippet is the first 12 words.
 */
export function snippetOf(text: string, forms: ReadonlySet<string>): string {
  const words = wordsOf(text, forms);
  if (words.length === 0) return '';
  if (words.length <= MAX_FRAGMENT_WORDS) return markedHtml(text, words, 0, words.length);

  const matches: number[] = [];
  words.forEach((word, index) => {
    if (word.match !== null) matches.push(index);
  });
  const fragments: Array<{ first: number; end: number }> = [];
  for (let count = 0; count < MAX_FRAGMENTS && matches.length > 0; count += 1) {
    const fragment = bestFragment(words, matches, fragments);
    if (!fragment) break;
    fragments.push(fragment);
  }
  if (fragments.length === 0) fragments.push({ first: 0, end: WORDS_WITHOUT_MATCH });
  fragments.sort((a, b) => a.first - b.first);

  const html = fragments
    .map((fragment) => markedHtml(text, words, fragment.first, fragment.end))
    .join(FRAGMENT_DELIMITER);
  const cutBefore = fragments[0].first > 0 ? ELLIPSIS_BEFORE : '';
  const cutAfter = fragments[fragments.length - 1].end < words.length ? ELLIPSIS_AFTER : '';

  return cutBefore + html + cutAfter;
}

function wordsOf(text: string, forms: ReadonlySet<string>): Word[] {
  const words: Word[] = [];
  WORD.lastIndex = 0;
  for (let found = WORD.exec(text); found !== null; found = WORD.exec(text)) {
    const lower = found[0].toLowerCase();
    words.push({ start: found.index, end: WORD.lastIndex, match: forms.has(lower) ? lower : null });
  }

  return words;
}

/**
 * Picks the window with the most distinct matched words that overlaps none of `chosen`. Each
 * window starts a few words before a match, and the earlier window wins a tie.
 */
function bestFragment(
  words: Word[],
  matches: number[],
  chosen: Array<{ first: number; end: number }>,
): { first: number; end: number } | undefined {
  let best: { first: number; end: number; score: number } | undefined;
  for (const match of matches.slice(0, MAX_FRAGMENT_STARTS)) {
    const limit = chosen.filter((other) => other.first > match).map((other) => other.first);
    const floor = chosen.filter((other) => other.end <= match).map((other) => other.end);
    if (chosen.some((other) => match >= other.first && match < other.end)) continue;

    const first = Math.max(match - LEADING_WORDS, 0, ...floor);
    const end = Math.min(first + MAX_FRAGMENT_WORDS, words.length, ...limit);
    const distinct = new Set<string>();
    for (let index = first; index < end; index += 1) {
      const matched = words[index].match;
      if (matched !== null) distinct.add(matched);
    }
    if (!best || distinct.size > best.score) best = { first, end, score: distinct.size };
  }

  return best && { first: best.first, end: best.end };
}

/** Renders words `first` to `end - 1` and the text between them as HTML, with matches marked. */
function markedHtml(text: string, words: Word[], first: number, end: number): string {
  const last = Math.min(end, words.length) - 1;
  if (last < first) return escapeHtml(text);

  // Text between matches is escaped in one piece, because most words are not matches.
  let html = '';
  let position = first === 0 && end >= words.length ? 0 : words[first].start;
  for (let index = first; index <= last; index += 1) {
    const word = words[index];
    if (word.match === null) continue;

    html += escapeHtml(text.slice(position, word.start));
    html += `<mark>${escapeHtml(text.slice(word.start, word.end))}</mark>`;
    position = word.end;
  }
  const stop = end >= words.length ? text.length : words[last].end;

  return html + escapeHtml(text.slice(position, stop));
}
