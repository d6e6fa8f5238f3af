import { removeControlCharacters } from '../articles/article-content';

/** Parts of a raw user query for each kind of search. Each goes to Postgres as a bound parameter. */
export interface SearchTerms {
  /** The whole query, parsed by `websearch_to_tsquery`, which accepts any text. */
  text: string;
  /** The query without its last word, combined with `prefix` for search-as-you-type. */
  head: string;
  /** The last word as a `to_tsquery` prefix term (`'word':*`), or null. */
  prefix: string | null;
  /** The query for trigram similarity on titles, or null when it is too short or long. */
  similarity: string | null;
  /**
   * The query's words of three letters or more without digits, lower case, at most
   * `MAX_SIMILAR_WORDS`: the words that a search without results looks up among title words.
   * Empty when the query negates a word.
   */
  words: string[];
}

const WORD = /^[\p{L}\p{N}]+$/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/gu;
const MAX_SIMILARITY_LENGTH = 100;
const MIN_SIMILARITY_CHARACTERS = 3;
const LETTERS = /\p{L}{3,}/gu;
const DIGIT = /\p{N}/u;
/** Query words looked up among title words. A longer query is more likely pasted than typed. */
const MAX_SIMILAR_WORDS = 5;
/** A word or phrase that websearch syntax negates: a minus at the start of a term. */
const NEGATED_WORD = /(^|\s)-[\p{L}\p{N}"]/u;
/** Words joined by hyphens, as in "Self-Service" or "E-Mail". */
const HYPHENATED = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+/gu;

/**
 * Splits a query for full-text, prefix and trigram search. Only a last word made of letters and
 * digits alone becomes a prefix term: `to_tsquery` reads operators, so nothing else reaches it.
 */
export function toSearchTerms(query: string): SearchTerms {
  const text = hyphenatedAsPhrases(searchableText(query).replace(/\s+/g, ' '));
  const trimmed = text.trim();
  const lastSpace = trimmed.lastIndexOf(' ');
  const lastWord = trimmed.slice(lastSpace + 1);
  const typingLastWord = !/\s$/.test(text) && WORD.test(lastWord) && lastWord.length >= 2;
  const alphanumerics = trimmed.match(LETTER_OR_DIGIT)?.length ?? 0;
  const similar =
    alphanumerics >= MIN_SIMILARITY_CHARACTERS && trimmed.length <= MAX_SIMILARITY_LENGTH;

  return {
    text: trimmed,
    head: typingLastWord && lastSpace >= 0 ? trimmed.slice(0, lastSpace) : '',
    prefix: typingLastWord ? `'${lastWord}':*` : null,
    similarity: similar ? trimmed : null,
    // Similar title words widen a search with any of them, which would bring back what a
    // negated word excludes.
    words: similar && !NEGATED_WORD.test(trimmed) ? similarWords(trimmed) : [],
  };
}

/**
 * Removes control characters and blanks angle brackets, which the text search parser reads as
 * HTML tags: after "<script>" it skips every word up to "</script>".
 */
export function searchableText(text: string): string {
  return removeControlCharacters(text).replace(/[<>]/g, ' ');
}

/**
 * Turns hyphenated words into phrases of their parts ("Self-Service" into "Self Service" in
 * quotes). The parser keeps a hyphenated word as one lexeme besides its parts, so the query
 * "Self-Service" needed the lexeme "self-servic", which "Self-Service-Portal" does not have.
 * Both have the parts next to each other. Inside quotes the hyphen becomes a space.
 */
function hyphenatedAsPhrases(text: string): string {
  return text
    .split('"')
    .map((segment, index) =>
      segment.replace(HYPHENATED, (words) => {
        const parts = words.replace(/-/g, ' ');

        return index % 2 === 1 ? parts : `"${parts}"`;
      }),
    )
    .join('"');
}

/** Distinct words made of letters only; a word with digits (an error code, a number) is exact. */
function similarWords(query: string): string[] {
  const words = query
    .split(/\s+/)
    .filter((token) => !DIGIT.test(token))
    .flatMap((token) => token.toLowerCase().match(LETTERS) ?? []);

  return [...new Set(words)].slice(0, MAX_SIMILAR_WORDS);
}
