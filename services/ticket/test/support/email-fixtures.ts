import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURE_DIR = join(__dirname, '..', 'fixtures', 'email');

/** Reads an .eml fixture byte for byte; the files keep their CRLF line endings. */
export function emailFixture(name: string): Buffer {
  return readFileSync(join(FIXTURE_DIR, name));
}

/** Builds a small plain-text message; header values must already be ASCII or encoded-words. */
export function plainMail(headers: Record<string, string>, body = 'Hallo'): Buffer {
  const lines = Object.entries({
    'MIME-Version': '1.0',
    'Content-Type': 'text/plain; charset=utf-8',
    ...headers,
  }).map(([name, value]) => `${name}: ${value}`);

  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}\r\n`, 'utf8');
}
