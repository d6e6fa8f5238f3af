/** Highlight markers given to ts_headline; stored text never contains them. */
export const HIGHLIGHT_START = '\u0001';
export const HIGHLIGHT_END = '\u0002';
/** Stand-ins for `<` and `>`, which ts_headline would read as HTML tags. */
const LESS_THAN = '\u0003';
const GREATER_THAN = '\u0004';

/** Replacement of every character that the HTML form of a headline changes. */
const HTML_REPLACEMENTS: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  [HIGHLIGHT_START]: '<mark>',
  [HIGHLIGHT_END]: '</mark>',
  [LESS_THAN]: '&lt;',
  [GREATER_THAN]: '&gt;',
};
// eslint-disable-next-line no-control-regex -- the markers are control characters.
const REPLACED_CHARACTERS = /[&<>"'\u0001-\u0004]/g;

/** Escapes a ts_headline result for HTML and turns its markers into `<mark>` elements. */
export function toHighlightedHtml(headline: string): string {
  return headline.replace(REPLACED_CHARACTERS, (character) => HTML_REPLACEMENTS[character]);
}
