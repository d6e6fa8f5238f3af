/**
 * Returns the physical lines of the first header field called `name` in a raw message: the
 * line that starts the field and every folded continuation line after it.
 */
export function rawHeaderLines(raw: string, name: string): string[] {
  const headerEnd = raw.indexOf('\r\n\r\n');
  const lines = raw.slice(0, headerEnd === -1 ? raw.length : headerEnd).split('\r\n');
  const start = lines.findIndex((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  if (start === -1) return [];

  let end = start + 1;
  while (end < lines.length && /^[ \t]/.test(lines[end])) end++;

  return lines.slice(start, end);
}

const ENCODED_WORD = /^=\?([^?*]+)(?:\*[^?]*)?\?([BbQq])\?([^?]*)\?=$/;

function encodedWordBytes(encoding: string, text: string): Buffer {
  if (encoding.toUpperCase() === 'B') return Buffer.from(text, 'base64');

  // In the Q encoding "_" is a space and "=XX" a byte (RFC 2047, section 4.2).
  const bytes: number[] = [];
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (character === '_') {
      bytes.push(0x20);
    } else if (character === '=') {
      const hex = text.slice(index + 1, index + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw new Error(`invalid Q escape "=${hex}" in ${text}`);
      bytes.push(parseInt(hex, 16));
      index += 2;
    } else {
      bytes.push(character.charCodeAt(0));
    }
  }

  return Buffer.from(bytes);
}

/**
 * Decodes an unstructured header value strictly by RFC 2047: each encoded word must be UTF-8,
 * at most 75 characters long and hold whole characters, and white space between two adjacent
 * encoded words is dropped. Raises on any violation, where a lenient parser would guess.
 */
export function decodeUnstructuredHeader(lines: string[]): string {
  const value = lines
    .join('\r\n')
    .replace(/^[^:]*:[ \t]?/, '')
    .replace(/\r\n(?=[ \t])/g, '');
  const tokens = value.split(/([ \t]+)/);
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let decoded = '';
  let pendingSpace = '';
  let previousWasEncoded = false;
  for (const token of tokens) {
    if (token === '') continue;
    if (/^[ \t]+$/.test(token)) {
      pendingSpace = token;
      continue;
    }
    const match = ENCODED_WORD.exec(token);
    if (!match) {
      decoded += pendingSpace + token;
      pendingSpace = '';
      previousWasEncoded = false;
      continue;
    }

    const [, charset, encoding, text] = match;
    if (charset.toLowerCase() !== 'utf-8') throw new Error(`unexpected charset in ${token}`);
    if (token.length > 75) throw new Error(`encoded word longer than 75 characters: ${token}`);
    decoded +=
      (previousWasEncoded ? '' : pendingSpace) + utf8.decode(encodedWordBytes(encoding, text));
    pendingSpace = '';
    previousWasEncoded = true;
  }

  return decoded + pendingSpace;
}
