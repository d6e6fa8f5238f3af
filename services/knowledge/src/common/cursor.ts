import {
  CursorValue,
  decodeCursor as decodeListCursor,
  encodeCursor as encodeListCursor,
  finiteNumberValue,
  isoTimestampValue,
  safeIntegerValue,
  textValue,
  uuidValue,
} from '@deskflow/http';

/** Position after the last row of a page: its sort value and its id, which breaks ties. */
export interface CursorPosition {
  value: string | number | null;
  id: string;
}

/** Writes the position as the JSON array `[value, id]`, the form that every issued cursor has. */
export function encodeCursor(position: CursorPosition): string {
  return encodeListCursor([position.value, position.id]);
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
 * Decodes a cursor from a previous page of a list sorted by a value of `kind`, and raises a 400
 * naming `cursor` when it is not one.
 */
export function decodeCursor(cursor: string, kind: CursorValueKind): CursorPosition {
  return decodeListCursor(cursor, { value: VALUE_CHECKS[kind], id: uuidValue }, 'array');
}

/** One page of a list and the cursor of the next page, null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
