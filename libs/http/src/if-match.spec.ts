import { validateSync } from 'class-validator';
import { ValidationFailedError } from './app-error';
import {
  assertIfMatch,
  IfMatchCondition,
  IsIfMatch,
  ifMatchAccepts,
  parseIfMatch,
} from './if-match';

function parsed(header: string): IfMatchCondition {
  const condition = parseIfMatch(header);
  if (condition === undefined) throw new Error(`no condition parsed from ${header}`);

  return condition;
}

function reasonFor(header: string): string {
  try {
    parseIfMatch(header);
  } catch (error) {
    if (error instanceof ValidationFailedError) {
      expect(error.httpStatus).toBe(400);
      expect(error.details[0].field).toBe('If-Match');

      return error.details[0].reason;
    }
    throw error;
  }
  throw new Error(`${header} was accepted`);
}

describe('parseIfMatch', () => {
  it('returns undefined for an absent or blank header', () => {
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(parseIfMatch('  ')).toBeUndefined();
  });

  it('parses * as any', () => {
    expect(parseIfMatch(' * ')).toEqual({ any: true });
  });

  it('parses a list of strong and weak tags', () => {
    expect(parseIfMatch('"v1" ,W/"v2",, "x!y"')).toEqual({
      any: false,
      tags: [
        { weak: false, opaqueTag: '"v1"' },
        { weak: true, opaqueTag: '"v2"' },
        { weak: false, opaqueTag: '"x!y"' },
      ],
    });
  });

  it.each([
    ['v3', 'expected a double quote at character 1'],
    ['"v3', 'no closing double quote'],
    ['"v3" "v4"', 'expected a comma after the entity tag at character 6'],
    ['*, "v3"', '* cannot be combined'],
    ['"v3", *', '* cannot be combined'],
    ['w/"v3"', 'expected a double quote at character 1'],
    ['"a\u0001b"', 'character 3 is not allowed'],
    ['"a b"', 'character 3 is not allowed'],
    [', ,', 'contains no entity tag'],
  ])('rejects %j with a reason', (header, reason) => {
    expect(reasonFor(header)).toContain(reason);
  });
});

describe('ifMatchAccepts', () => {
  it('accepts * for any current ETag', () => {
    expect(ifMatchAccepts(parsed('*'), '"v9"')).toBe(true);
  });

  it('accepts a list when one tag matches', () => {
    expect(ifMatchAccepts(parsed('"v1", "v9"'), '"v9"')).toBe(true);
  });

  it('rejects a list without the current tag', () => {
    expect(ifMatchAccepts(parsed('"v1", "v2"'), '"v9"')).toBe(false);
  });

  it('never matches a weak tag', () => {
    expect(ifMatchAccepts(parsed('W/"v9"'), '"v9"')).toBe(false);
  });
});

describe('assertIfMatch', () => {
  it('passes without a condition', () => {
    expect(() => assertIfMatch(undefined, '"3"', 'rule')).not.toThrow();
  });

  it('raises 412 naming the current ETag', () => {
    expect(() => assertIfMatch(parsed('"2"'), '"3"', 'rule')).toThrow(
      'rule changed since it was read: If-Match "2" does not match the current ETag "3"',
    );
  });

  it('raises 412 naming weak tags as the cause', () => {
    expect(() => assertIfMatch(parsed('W/"3"'), '"3"', 'rule')).toThrow(
      'If-Match W/"3" names only weak entity tags, which never match; send the current ETag "3"',
    );
  });

  it('shortens a long value in the 412 message', () => {
    const longTag = `"${'x'.repeat(5000)}"`;
    let message = '';
    try {
      assertIfMatch(parsed(longTag), '"3"', 'rule');
    } catch (error) {
      message = (error as Error).message;
    }

    expect(message).toContain(`If-Match "${'x'.repeat(119)}…`);
    expect(message.length).toBeLessThan(400);
  });
});

describe('IsIfMatch', () => {
  class Item {
    @IsIfMatch()
    ifMatch!: unknown;
  }

  function errorsFor(value: unknown): string[] {
    const item = new Item();
    item.ifMatch = value;

    return validateSync(item).flatMap((error) => Object.values(error.constraints ?? {}));
  }

  it('accepts a valid list', () => {
    expect(errorsFor('"v1", W/"v2"')).toEqual([]);
  });

  it('names the property and the problem', () => {
    expect(errorsFor('v1')).toEqual([expect.stringMatching(/^ifMatch must be \*.*character 1/)]);
  });

  it('rejects a non-string', () => {
    expect(errorsFor(3)).toHaveLength(1);
  });
});
