import { forgedCursors } from '@deskflow/testing';
import { ValidationFailedError } from './app-error';
import { decodeCursor, encodeCursor } from './cursor';
import {
  cursorTimestampValue,
  eitherValue,
  finiteNumberValue,
  isoTimestampValue,
  nullableValue,
  oneOfValues,
  postgresTimestampValue,
  safeIntegerValue,
  textValue,
  uuidValue,
} from './cursor-values';

const ID = '03d76055-a9b7-419e-a276-ddf05faac00f';

function reasonOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationFailedError);
    const details = (error as ValidationFailedError).details;
    expect(details).toHaveLength(1);
    expect(details[0].field).toBe('cursor');

    return details[0].reason;
  }
  throw new Error('the cursor was accepted');
}

describe('decodeCursor', () => {
  const fields = { createdAt: isoTimestampValue, id: uuidValue };

  it('reads back what encodeCursor wrote', () => {
    const position = { createdAt: '2026-03-01T09:30:00.123Z', id: ID };

    expect(decodeCursor(encodeCursor(position), fields)).toEqual(position);
  });

  it('reads an array cursor in key order', () => {
    const cursor = encodeCursor([0.25, ID]);

    expect(decodeCursor(cursor, { score: finiteNumberValue, id: uuidValue }, 'array')).toEqual({
      score: 0.25,
      id: ID,
    });
  });

  it.each(
    forgedCursors(
      { createdAt: '2026-03-01T09:30:00.123Z', id: ID },
      {
        createdAt: ['nonsense', '2026-02-30T00:00:00.000Z', '2026-03-01', 1772357400000, null],
        id: ['nonsense', ID.toUpperCase().replace('A', 'G'), null],
      },
    ),
  )('rejects an object cursor with %s', (_case, cursor) => {
    expect(reasonOf(() => decodeCursor(cursor, fields))).toMatch(
      /^must be the nextCursor of a previous page of this list, unchanged \(.+\)$/,
    );
  });

  it.each(forgedCursors([0.25, ID], { 0: ['0.25', null], 1: [42] }))(
    'rejects an array cursor with %s',
    (_case, cursor) => {
      expect(() =>
        decodeCursor(cursor, { score: finiteNumberValue, id: uuidValue }, 'array'),
      ).toThrow(ValidationFailedError);
    },
  );

  it.each(
    forgedCursors(
      { createdAt: '2026-03-01 09:30:00.123456+00', id: ID },
      {
        createdAt: [
          'nonsense',
          '2026-03-01 09:30:00.1234567+00',
          '2026-03-01 09:30:00.123456',
          '2026-03-01T09:30:00.123456Z',
          '2026-02-30 09:30:00+00',
          1772357400123456,
          null,
        ],
      },
    ),
  )('rejects a microsecond cursor with %s', (_case, cursor) => {
    const microsecondFields = { createdAt: cursorTimestampValue, id: uuidValue };

    expect(reasonOf(() => decodeCursor(cursor, microsecondFields))).toMatch(
      /^must be the nextCursor of a previous page of this list, unchanged \(.+\)$/,
    );
  });

  it('names the value that fails its check', () => {
    const cursor = encodeCursor({ createdAt: 'nonsense', id: ID });

    expect(reasonOf(() => decodeCursor(cursor, fields))).toContain(
      'its createdAt must be a timestamp such as 2026-03-01T09:30:00.000Z',
    );
  });

  it('names a missing key', () => {
    const cursor = encodeCursor({ createdAt: '2026-03-01T09:30:00.123Z' });

    expect(reasonOf(() => decodeCursor(cursor, fields))).toContain('it has no id');
  });

  it('names an encoding that is not base64url', () => {
    expect(reasonOf(() => decodeCursor('a+b/', fields))).toContain('it is not base64url text');
  });
});

describe('cursor values', () => {
  it.each([
    '2026-03-01 09:30:00.123456+00',
    '2026-03-01 09:30:00+05:30',
    '2024-02-29 23:59:59.5-09:30',
    '1999-12-31 00:00:00.000001+05:45:12',
  ])('accepts the PostgreSQL timestamp %s', (text) => {
    expect(postgresTimestampValue.accepts(text)).toBe(true);
  });

  it.each([
    '2026-02-29 09:30:00+00',
    '2026-03-01 24:00:00+00',
    '2026-03-01 09:60:00+00',
    '2026-03-01 09:30:00',
    '2026-03-01 09:30:00.1234567+00',
    '2026-03-01 09:30:00+16',
    '2026-03-01T09:30:00.000Z',
    'infinity',
    ' 2026-03-01 09:30:00+00',
  ])('rejects the PostgreSQL timestamp %s', (text) => {
    expect(postgresTimestampValue.accepts(text)).toBe(false);
  });

  it('accepts both forms of a timestamp sort key', () => {
    expect(cursorTimestampValue.accepts('2026-03-01 09:30:00.123456+00')).toBe(true);
    expect(cursorTimestampValue.accepts('2026-03-01T09:30:00.123Z')).toBe(true);
    expect(cursorTimestampValue.accepts('2026-03-01T09:30:00.123456Z')).toBe(false);
    expect(cursorTimestampValue.accepts('infinity')).toBe(false);
    expect(cursorTimestampValue.expected).toBe('a timestamp such as 2026-03-01 09:30:00.123456+00');
  });

  it('accepts only the ISO form that toISOString writes', () => {
    expect(isoTimestampValue.accepts('2026-03-01T09:30:00.000Z')).toBe(true);
    expect(isoTimestampValue.accepts('2026-03-01T09:30:00Z')).toBe(false);
    expect(isoTimestampValue.accepts('2026-03-01T09:30:00.000+00:00')).toBe(false);
  });

  it('rejects non-finite and unsafe numbers', () => {
    expect(finiteNumberValue.accepts(Infinity)).toBe(false);
    expect(finiteNumberValue.accepts(Number.NaN)).toBe(false);
    expect(safeIntegerValue.accepts(2 ** 53)).toBe(false);
    expect(safeIntegerValue.accepts(1.5)).toBe(false);
  });

  it('rejects text with a NUL character', () => {
    expect(textValue.accepts('a\u0000b')).toBe(false);
    expect(textValue.accepts('Grüße')).toBe(true);
  });

  it('combines checks', () => {
    const due = nullableValue(eitherValue(postgresTimestampValue, oneOfValues(['infinity'])));

    expect(due.accepts(null)).toBe(true);
    expect(due.accepts('infinity')).toBe(true);
    expect(due.accepts('-infinity')).toBe(false);
    expect(due.expected).toBe(
      'a timestamp such as 2026-03-01 09:30:00.123456+00 or infinity or null',
    );
  });
});
