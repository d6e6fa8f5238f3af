import { createHash } from 'node:crypto';
import {
  CursorValue,
  decodeCursor as decodeListCursor,
  encodeCursor as encodeListCursor,
  finiteNumberValue,
  isoTimestampValue,
  safeIntegerValue,
  textValue,
  uuidValue,
  ValidationFailedError,
} from '@deskflow/http';

/** Position after the last row of a page: its sort value and its id, which breaks ties. */
export interface CursorPosition {
  value: string | number | null;
  id: string;
}

/**
 * Returns a short fingerprint of what a list's pages depend on besides the cursor (its sort,
 * filters or query), which cursors carry so that one cannot continue another list.
 */
export function listKeyOf(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 12);
}

/** Writes the position as the JSON array `[value, id, listKey]`, or `[value, id]` without a key. */
export function encodeCursor(position: CursorPosition, listKey?: string): string {
  const values = [position.value, position.id];

  return encodeListCursor(listKey === undefined ? values : [...values, listKey]);
}

/** The kind of sort value a list's cursors carry. */
export type CursorValueKind = 'number' | 'integer' | 'timestamp' | 'text';

const VALUE_CHECKS: Record<CursorValueKind, CursorValue<string | number>> = {
  number: finiteNumberValue,
  integer: safeIntegerValue,
  timestamp: isoTimestampValue,
  text: textValue,
};

/**
 * Decodes a cursor of the list with `listKey`, sorted by a value of `kind`, or raises a 400 naming
 * `cursor`. Cursors `[value, id]` issued before cursors carried a key are still read.
 */
export function decodeCursor(
  cursor: string,
  kind: CursorValueKind,
  listKey?: string,
): CursorPosition {
  const position = { value: VALUE_CHECKS[kind], id: uuidValue };
  if (listKey === undefined) return decodeListCursor(cursor, position, 'array');

  let decoded;
  try {
    // The key is checked before the value, whose kind differs between sorts.
    decoded = decodeListCursor(
      cursor,
      { value: ANY_VALUE, id: uuidValue, listKey: textValue },
      'array',
    );
  } catch (error) {
    if (!(error instanceof ValidationFailedError)) throw error;
    try {
      return decodeListCursor(cursor, position, 'array');
    } catch {
      throw error;
    }
  }
  if (decoded.listKey !== listKey) {
    throw new ValidationFailedError([
      {
        field: 'cursor',
        reason:
          'must be the nextCursor of a previous page of this list, unchanged (it belongs to another sort, filter or query)',
      },
    ]);
  }

  const [value, id] = [decoded.value, decoded.id];

  return decodeListCursor(encodeListCursor([value, id]), position, 'array');
}

const ANY_VALUE: CursorValue<unknown> = {
  expected: 'any JSON value',
  accepts: (value): value is unknown => value !== undefined,
};

/** One page of a list and the cursor of the next page, null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
