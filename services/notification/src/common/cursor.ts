import { ValidationFailedError } from '@deskflow/http';

/** A position in a list ordered by (createdAt DESC, id DESC). */
export interface Cursor {
  createdAt: string;
  id: string;
}

export function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(JSON.stringify({ createdAt: createdAt.toISOString(), id })).toString(
    'base64url',
  );
}

export function decodeCursor(value: string | undefined): Cursor | undefined {
  if (!value) return undefined;

  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (
      typeof parsed.createdAt === 'string' &&
      typeof parsed.id === 'string' &&
      !isNaN(Date.parse(parsed.createdAt))
    ) {
      return { createdAt: parsed.createdAt, id: parsed.id };
    }
  } catch {
    // Falls through to the validation error below.
  }

  throw new ValidationFailedError([
    { field: 'cursor', reason: 'must be a nextCursor value from a previous page' },
  ]);
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
