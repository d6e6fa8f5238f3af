import { ValidationFailedError } from '@deskflow/http';

/** Position after the last row of a page: its sort value and its id, which breaks ties. */
export interface CursorPosition {
  value: string | number | null;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.value, position.id])).toString('base64url');
}

/** The kind of sort value a list's cursors carry. */
export type CursorValueKind = 'number' | 'integer' | 'timestamp' | 'text';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The form `Date.toISOString` writes, which is what a cursor of a timestamp sort holds. */
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Decodes a cursor from a previous page of a list sorted by a value of `kind`, and raises a 400
 * naming `cursor` when it is not one. The value and id go to SQL as parameters, so a forged
 * cursor is rejected here instead of failing in the database with a 500.
 */
export function decodeCursor(cursor: string, kind: CursorValueKind): CursorPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (Array.isArray(parsed) && parsed.length === 2) {
    const [value, id] = parsed as [unknown, unknown];
    if (typeof id === 'string' && UUID.test(id) && isValueOfKind(value, kind)) {
      return { value, id };
    }
  }

  throw new ValidationFailedError([
    { field: 'cursor', reason: 'invalid cursor: pass the nextCursor of a previous page unchanged' },
  ]);
}

function isValueOfKind(value: unknown, kind: CursorValueKind): value is string | number {
  if (kind === 'number') return typeof value === 'number' && Number.isFinite(value);
  if (kind === 'integer') return Number.isSafeInteger(value);
  if (kind === 'text') return typeof value === 'string';

  return typeof value === 'string' && ISO_TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value));
}

/** One page of a list and the cursor of the next page, null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
