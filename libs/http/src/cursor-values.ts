/** A check of one value inside a list cursor, with words for the reason when it fails. */
export interface CursorValue<T> {
  /** Description of the expected value, completing "id must be …", such as "a UUID". */
  expected: string;
  accepts(value: unknown): value is T;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The form that `Date.prototype.toISOString` writes for the years 0000 to 9999. */
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The text form of a `timestamptz` with PostgreSQL's default DateStyle `ISO`, for example
 * `2026-03-01 09:30:00.123456+01` or `2026-03-01 09:30:00+05:30`.
 */
const POSTGRES_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?([+-])(\d{2})(?::(\d{2}))?(?::(\d{2}))?$/;

export const uuidValue: CursorValue<string> = {
  expected: 'a UUID',
  accepts: (value): value is string => typeof value === 'string' && UUID.test(value),
};

/** A timestamp as `Date.prototype.toISOString` writes it, so that it is a real date and time. */
export const isoTimestampValue: CursorValue<string> = {
  expected: 'a timestamp such as 2026-03-01T09:30:00.000Z',
  accepts: (value): value is string =>
    typeof value === 'string' &&
    ISO_TIMESTAMP.test(value) &&
    !Number.isNaN(Date.parse(value)) &&
    new Date(value).toISOString() === value,
};

/** A `timestamptz` as PostgreSQL writes it as text, with microseconds and any time zone. */
export const postgresTimestampValue: CursorValue<string> = {
  expected: 'a timestamp such as 2026-03-01 09:30:00.123456+00',
  accepts: (value): value is string => typeof value === 'string' && isPostgresTimestamp(value),
};

/**
 * A timestamp sort key of a list cursor: PostgreSQL's text form, which keeps the microseconds of
 * a `timestamptz`, or the millisecond ISO form of cursors that lists issued before they kept
 * microseconds. Both forms cast to `timestamptz` in SQL.
 */
export const cursorTimestampValue: CursorValue<string> = {
  expected: postgresTimestampValue.expected,
  accepts: (value): value is string =>
    postgresTimestampValue.accepts(value) || isoTimestampValue.accepts(value),
};

export const finiteNumberValue: CursorValue<number> = {
  expected: 'a finite number',
  accepts: (value): value is number => typeof value === 'number' && Number.isFinite(value),
};

export const safeIntegerValue: CursorValue<number> = {
  expected: 'an integer',
  accepts: (value): value is number => Number.isSafeInteger(value),
};

/** Text without NUL characters, which PostgreSQL cannot store in a text value. */
export const textValue: CursorValue<string> = {
  expected: 'a string without NUL characters',
  accepts: (value): value is string => typeof value === 'string' && !value.includes('\u0000'),
};

/** Builds a check for one of a fixed set of strings, such as the sort a cursor was issued for. */
export function oneOfValues<T extends string>(values: readonly T[]): CursorValue<T> {
  return {
    expected: values.length === 1 ? values[0] : `one of ${values.join(', ')}`,
    accepts: (value): value is T => typeof value === 'string' && values.includes(value as T),
  };
}

export function nullableValue<T>(inner: CursorValue<T>): CursorValue<T | null> {
  return {
    expected: `${inner.expected} or null`,
    accepts: (value): value is T | null => value === null || inner.accepts(value),
  };
}

export function eitherValue<A, B>(
  first: CursorValue<A>,
  second: CursorValue<B>,
): CursorValue<A | B> {
  return {
    expected: `${first.expected} or ${second.expected}`,
    accepts: (value): value is A | B => first.accepts(value) || second.accepts(value),
  };
}

/** Checks the calendar date, the time of day and the offset, which PostgreSQL limits to ±15:59:59. */
function isPostgresTimestamp(text: string): boolean {
  const match = POSTGRES_TIMESTAMP.exec(text);
  if (!match) return false;

  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  const realDate =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  const realTime = hour < 24 && minute < 60 && second < 60;

  const [offsetHours, offsetMinutes, offsetSeconds] = match
    .slice(8, 11)
    .map((part) => Number(part ?? 0));
  const realOffset = offsetHours <= 15 && offsetMinutes < 60 && offsetSeconds < 60;

  return realDate && realTime && realOffset;
}
