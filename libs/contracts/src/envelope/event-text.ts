/**
 * Byte budgets for user text in event payloads. Kafka brokers reject a record over
 * `message.max.bytes` (1 MB by default), so events carry a bounded copy and the producing
 * service keeps the whole text.
 */
export const EVENT_TEXT_LIMITS = {
  /** UTF-8 bytes of an article body (`ArticleSnapshot.bodyText`). */
  bodyBytes: 256 * 1024,
  /** UTF-8 bytes of a one-line value such as a subject or an address. */
  lineBytes: 2048,
  /** Message ids in `ArticleSnapshot.references`. */
  references: 50,
  /** UTF-8 bytes of the JSON of a `FieldChange` value (`before` or `after`). */
  changeValueBytes: 64 * 1024,
} as const;

/** A text cut to a byte budget. */
export interface CutText {
  text: string;
  truncated: boolean;
}

/**
 * Cuts a text to at most `maxBytes` bytes of UTF-8 at a code point boundary, so the result
 * never ends in half a character.
 */
export function cutUtf8(text: string, maxBytes: number): CutText {
  // No string of at most maxBytes / 3 UTF-16 units can exceed maxBytes of UTF-8.
  if (text.length * 3 <= maxBytes || Buffer.byteLength(text, 'utf8') <= maxBytes) {
    return { text, truncated: false };
  }

  const bytes = Buffer.from(text, 'utf8');
  let end = maxBytes;
  // Continuation bytes look like 10xxxxxx; step back to the first byte of the character.
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;

  return { text: bytes.subarray(0, end).toString('utf8'), truncated: true };
}

/**
 * Bounds a References list: drops ids over the 998-character line limit of mail headers and,
 * of a longer list, keeps the thread's root and the latest ids, which threading reads.
 */
export function boundReferences(
  references: string[],
  max: number = EVENT_TEXT_LIMITS.references,
): string[] {
  const usable = references.filter((id) => id.length <= 998);
  if (usable.length <= max) return usable;

  return [usable[0], ...usable.slice(usable.length - (max - 1))];
}
