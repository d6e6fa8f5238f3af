import {
  decodeCursor as decodeListCursor,
  DecodedCursor,
  encodeCursor as encodeListCursor,
  isoTimestampValue,
  uuidValue,
} from '@deskflow/http';

/** A position in a list ordered by (createdAt DESC, id DESC). */
const CURSOR_FIELDS = { createdAt: isoTimestampValue, id: uuidValue };

export type Cursor = DecodedCursor<typeof CURSOR_FIELDS>;

export function encodeCursor(createdAt: Date, id: string): string {
  return encodeListCursor({ createdAt: createdAt.toISOString(), id });
}

/** Decodes the cursor of a previous page, and raises a 400 naming `cursor` when it is not one. */
export function decodeCursor(value: string | undefined): Cursor | undefined {
  if (!value) return undefined;

  return decodeListCursor(value, CURSOR_FIELDS);
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
