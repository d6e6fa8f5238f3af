import { ValidationFailedError } from '@deskflow/http';

/** Position after the last row of a page: its sort value and its id, which breaks ties. */
export interface CursorPosition {
  value: string | number | null;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.value, position.id])).toString('base64url');
}

/** Decodes a cursor from a previous page; raises a 400 naming `cursor` when it is not one. */
export function decodeCursor(cursor: string): CursorPosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === 'string') {
      const [value, id] = parsed as [unknown, string];
      if (value === null || typeof value === 'string' || typeof value === 'number') {
        return { value, id };
      }
    }
  } catch {
    // Falls through to the validation error below.
  }

  throw new ValidationFailedError([
    { field: 'cursor', reason: 'invalid cursor: pass the nextCursor of a previous page unchanged' },
  ]);
}

/** One page of a list and the cursor of the next page, null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
