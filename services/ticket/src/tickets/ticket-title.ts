export const TITLE_MAX_LENGTH = 255;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Cuts a title (for example a long mail subject) to the title column's limit of 255 code
 * points without splitting a character, and drops trailing white space. Channels use it; the
 * API rejects long titles instead.
 */
export function cutTitle(text: string, maxLength = TITLE_MAX_LENGTH): string {
  const normalised = text.replace(/\s+/g, ' ').trim();
  let length = 0;
  let cut = '';
  for (const { segment } of segmenter.segment(normalised)) {
    const codePoints = [...segment].length;
    if (length + codePoints > maxLength) break;

    cut += segment;
    length += codePoints;
  }

  return cut.trimEnd();
}
