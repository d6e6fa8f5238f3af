import { TextDecoder } from 'node:util';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes UTF-8 and drops a leading byte order mark, or returns undefined for invalid bytes.
 * `Buffer.toString('utf8')` would replace them with U+FFFD instead, which hides the fault.
 */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}
