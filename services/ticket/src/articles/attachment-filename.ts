/**
 * Maximum stored file name length in UTF-8 bytes, the limit of ext4. NTFS counts 255
 * UTF-16 code units, which a name within this limit never exceeds.
 */
const MAX_FILENAME_BYTES = 255;

const FALLBACK_NAME = 'attachment';

// C0 and C1 control characters, and the bidirectional overrides and isolates that can make
// `evil‮fdp.exe` display as `evilexe.pdf`.
// eslint-disable-next-line no-control-regex -- control characters are what it finds.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

// Characters that Windows does not allow in file names, apart from `/` and `\`, which split paths.
const RESERVED_CHARACTERS = /[<>:"|?*]/g;

// Device names that Windows opens instead of a file, with any extension.
const WINDOWS_DEVICES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;

/** Cuts `text` to at most `maxBytes` UTF-8 bytes without splitting a code point. */
function cutToBytes(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    bytes += Buffer.byteLength(char, 'utf8');
    if (bytes > maxBytes) break;
    end += char.length;
  }

  return text.slice(0, end);
}

/** Shortens a name to MAX_FILENAME_BYTES, keeping its extension when that is short. */
function limitLength(name: string): string {
  if (Buffer.byteLength(name, 'utf8') <= MAX_FILENAME_BYTES) return name;

  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  const stem = name.slice(0, name.length - extension.length);

  return cutToBytes(stem, MAX_FILENAME_BYTES - Buffer.byteLength(extension, 'utf8')) + extension;
}

/**
 * Reduces a client-supplied file name to a safe base name: the last segment of any `/` or `\`
 * path, at most 255 UTF-8 bytes. It drops control and bidirectional-override characters, and
 * leading or trailing dots and spaces. Characters and device names that Windows rejects become
 * `_`-prefixed or `_`. Letters of any script stay, and an empty result becomes `attachment`.
 */
export function safeFilename(name: string): string {
  const base = name.normalize('NFC').replace(INVISIBLE, '').split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .replace(RESERVED_CHARACTERS, '_')
    .replace(/^[\s.]+|[\s.]+$/g, '')
    .replace(WINDOWS_DEVICES, '_$1$2');
  const limited = limitLength(cleaned).replace(/[\s.]+$/, '');

  return limited === '' ? FALLBACK_NAME : limited;
}

/** Percent-encodes a value for an RFC 8187 `filename*` parameter (attr-char stays as is). */
function encodeExtValue(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * Builds a Content-Disposition header for downloading a stored attachment (RFC 6266): an ASCII
 * `filename` for old clients, with every other character as `_`, and the full name as UTF-8 in
 * `filename*`. The name is made safe again, because rows stored before names were cleaned on
 * upload may still contain paths.
 */
export function attachmentDisposition(filename: string): string {
  const name = safeFilename(filename);
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');

  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeExtValue(name)}`;
}
