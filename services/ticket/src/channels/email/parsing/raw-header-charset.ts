import * as iconv from 'iconv-lite';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

const LINE_FEED = 0x0a;

/**
 * Re-encodes header lines that carry raw 8-bit bytes which are not UTF-8 as UTF-8, reading them
 * as windows-1252. RFC 6532 allows raw UTF-8 in headers, but older clients send their code page
 * unencoded, and mailparser then turns every such byte into U+FFFD. Header lines of the message
 * and of every MIME part are repaired; body lines and valid UTF-8 stay byte for byte the same.
 *
 * NOTE: windows-1252 is a guess that fits Western European mail. A raw header in another code
 * page (windows-1250, KOI8-R) decodes to wrong letters, though never to U+FFFD.
 */
export function repairRawHeaderCharset(raw: Buffer): Buffer {
  if (!hasInvalidUtf8(raw)) return raw;

  const lines = splitLines(raw);
  const boundaries = new Set<string>();
  let inHeader = true;
  let header: Buffer[] = [];
  const output: Buffer[] = [];

  for (const line of lines) {
    const content = withoutLineEnd(line);

    if (inHeader) {
      if (content.length === 0) {
        collectBoundaries(header, boundaries);
        header = [];
        inHeader = false;
        output.push(line);
        continue;
      }

      header.push(content);
      output.push(hasInvalidUtf8(content) ? reencodeLine(line) : line);
      continue;
    }

    if (isPartStart(content, boundaries)) inHeader = true;
    output.push(line);
  }

  return Buffer.concat(output);
}

function hasInvalidUtf8(bytes: Buffer): boolean {
  try {
    strictUtf8.decode(bytes);
    return false;
  } catch {
    return true;
  }
}

/** Splits after each line feed, keeping the line ends so the output can be joined unchanged. */
function splitLines(raw: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let index = raw.indexOf(LINE_FEED); index !== -1; index = raw.indexOf(LINE_FEED, start)) {
    lines.push(raw.subarray(start, index + 1));
    start = index + 1;
  }
  if (start < raw.length) lines.push(raw.subarray(start));

  return lines;
}

function withoutLineEnd(line: Buffer): Buffer {
  let end = line.length;
  while (end > 0 && (line[end - 1] === LINE_FEED || line[end - 1] === 0x0d)) end--;

  return line.subarray(0, end);
}

function reencodeLine(line: Buffer): Buffer {
  return Buffer.from(iconv.decode(line, 'windows-1252'), 'utf8');
}

/** Adds the boundary parameter of a Content-Type field among the header lines. */
function collectBoundaries(header: Buffer[], boundaries: Set<string>): void {
  const fields: string[] = [];
  for (const line of header) {
    const text = line.toString('latin1');
    if (/^[ \t]/.test(text) && fields.length > 0) fields[fields.length - 1] += text;
    else fields.push(text);
  }

  const contentType = fields.find((field) => /^content-type\s*:/i.test(field));
  const match = contentType && /boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (match) boundaries.add(match[1] ?? match[2]);
}

function isPartStart(content: Buffer, boundaries: Set<string>): boolean {
  if (content.length < 3 || content[0] !== 0x2d || content[1] !== 0x2d) return false;

  const text = content.toString('latin1').trimEnd();
  const boundary = text.slice(2);

  return boundaries.has(boundary);
}

/**
 * Decodes a string whose characters are the bytes of UTF-8 text read one byte per character.
 * mailparser 3.9 reads raw 8-bit MIME parameters such as attachment file names that way, so
 * `Prüfung.pdf` arrives as `PrÃ¼fung.pdf`. Text that is not such a misreading is returned as is.
 */
export function recoverUtf8ReadAsBytes(text: string): string {
  if (!/[\u0080-\u00ff]/.test(text) || /[\u0100-\uffff]/.test(text)) return text;

  const bytes = Buffer.from(text, 'latin1');

  return hasInvalidUtf8(bytes) ? text : bytes.toString('utf8');
}
