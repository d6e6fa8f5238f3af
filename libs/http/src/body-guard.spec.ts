import { findBodyProblem } from './body-guard';

describe('findBodyProblem', () => {
  it('accepts ordinary bodies', () => {
    expect(
      findBodyProblem({ title: 'Grüße 👋', tags: ['a'], nested: { ok: [1, 2] } }),
    ).toBeUndefined();
  });

  it('names a field with a NUL character', () => {
    expect(findBodyProblem({ article: { bodyText: 'a\u0000b' } })).toEqual({
      field: 'article.bodyText',
      reason: 'contains a NUL character or an unpaired UTF-16 surrogate',
    });
  });

  it('names an array element with a lone surrogate', () => {
    expect(findBodyProblem({ tags: ['ok', 'x\ud800'] })?.field).toBe('tags.1');
  });

  it('accepts a surrogate pair', () => {
    expect(findBodyProblem({ title: '\ud83d\ude00' })).toBeUndefined();
  });

  it('rejects a key with a NUL character', () => {
    expect(findBodyProblem({ 'a\u0000': 1 })?.reason).toContain('key');
  });

  it('rejects nesting deeper than the limit without recursion', () => {
    let deep: unknown = 1;
    for (let level = 0; level < 100_000; level++) deep = { a: deep };

    expect(findBodyProblem(deep, 32)?.reason).toBe(
      'nests objects and arrays deeper than 32 levels',
    );
  });

  it('accepts nesting at the limit', () => {
    let deep: unknown = 1;
    for (let level = 0; level < 32; level++) deep = [deep];

    expect(findBodyProblem(deep, 32)).toBeUndefined();
  });
});
