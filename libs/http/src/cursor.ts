import { TextDecoder } from 'node:util';
import { ValidationFailedError } from './app-error';
import { CursorValue } from './cursor-values';

/**
 * The maximum length of a cursor in characters. Cursors are base64url JSON of a sort value and
 * an id, and this leaves room for a sort value of a few hundred characters of any script.
 */
export const MAX_CURSOR_LENGTH = 4096;

/** The checks of a cursor's values by key, in the order of an array cursor's elements. */
export type CursorFields = Readonly<Record<string, CursorValue<unknown>>>;

export type DecodedCursor<F extends CursorFields> = {
  -readonly [K in keyof F]: F[K] extends CursorValue<infer T> ? T : never;
};

/** The layout of a cursor's JSON: an object of values by key, or an array in key order. */
export type CursorLayout = 'object' | 'array';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Encodes a list position as base64url JSON, the form `decodeCursor` reads back. */
export function encodeCursor(position: Record<string, unknown> | unknown[]): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/**
 * Decodes a cursor that a list returned as `nextCursor` and checks each value, and raises a 400
 * naming `cursor` when it is not one. Services pass the values to SQL as parameters, so a
 * forged cursor has to fail here: in the database it would fail with a 500.
 */
export function decodeCursor<F extends CursorFields>(
  cursor: string,
  fields: F,
  layout: CursorLayout = 'object',
): DecodedCursor<F> {
  const json = parseCursorJson(cursor);
  const keys = Object.keys(fields);
  const values = layout === 'array' ? arrayToObject(json, keys) : objectValues(json, keys);
  if (typeof values === 'string') throw invalidCursor(values);

  for (const key of keys) {
    const check = fields[key];
    if (!check.accepts(values[key])) throw invalidCursor(`its ${key} must be ${check.expected}`);
  }

  return values as DecodedCursor<F>;
}

function parseCursorJson(cursor: string): unknown {
  if (cursor.length > MAX_CURSOR_LENGTH) {
    throw invalidCursor(`it is longer than ${MAX_CURSOR_LENGTH} characters`);
  }
  if (!BASE64URL.test(cursor) || cursor.length % 4 === 1) {
    throw invalidCursor('it is not base64url text');
  }

  try {
    return JSON.parse(utf8.decode(Buffer.from(cursor, 'base64url')));
  } catch {
    throw invalidCursor('it does not decode to UTF-8 JSON');
  }
}

/** Returns the cursor's values by key, or the reason why the JSON does not fit the keys. */
function objectValues(json: unknown, keys: string[]): Record<string, unknown> | string {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return 'it is not a JSON object';
  }

  const missing = keys.filter((key) => !Object.hasOwn(json, key));
  if (missing.length > 0) return `it has no ${missing.join(', ')}`;
  if (Object.keys(json).length !== keys.length) return 'it has keys that this list does not use';

  return json as Record<string, unknown>;
}

function arrayToObject(json: unknown, keys: string[]): Record<string, unknown> | string {
  if (!Array.isArray(json) || json.length !== keys.length) {
    return `it is not a JSON array of ${keys.length} values`;
  }

  return Object.fromEntries(keys.map((key, index) => [key, json[index] as unknown]));
}

function invalidCursor(problem: string): ValidationFailedError {
  return new ValidationFailedError([
    {
      field: 'cursor',
      reason: `must be the nextCursor of a previous page of this list, unchanged (${problem})`,
    },
  ]);
}
