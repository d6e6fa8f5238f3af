/** Highlight markers given to ts_headline; stored text never contains them. */
export const HIGHLIGHT_START = '\u0001';
export const HIGHLIGHT_END = '\u0002';
/** Stand-ins for `<` and `>`, which ts_headline would read as HTML tags. */
const LESS_THAN = '\u0003';
const GREATER_THAN = '\u0004';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes a ts_headline result for HTML and turns its markers into `<mark>` elements. */
export function toHighlightedHtml(headline: string): string {
  return headline
    .replace(/[&<>"']/g, (character) => HTML_ESCAPES[character])
    .split(HIGHLIGHT_START)
    .join('<mark>')
    .split(HIGHLIGHT_END)
    .join('</mark>')
    .split(LESS_THAN)
    .join('&lt;')
    .split(GREATER_THAN)
    .join('&gt;');
}
