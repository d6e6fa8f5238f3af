import { boundReferences, cutUtf8 } from './event-text';

describe('cutUtf8', () => {
  it('keeps a text within the budget', () => {
    expect(cutUtf8('Grüße', 7)).toEqual({ text: 'Grüße', truncated: false });
  });

  it.each([
    ['two-byte character', 'aü', 2, 'a'],
    ['three-byte character', 'a€b', 3, 'a'],
    ['four-byte character', 'ab😀', 5, 'ab'],
    ['boundary', 'a€b', 4, 'a€'],
  ])('cuts before a split %s', (_, text, maxBytes, expected) => {
    expect(cutUtf8(text, maxBytes)).toEqual({ text: expected, truncated: true });
  });
});

describe('boundReferences', () => {
  it('keeps the root and the latest ids', () => {
    const ids = Array.from({ length: 10 }, (_, index) => `<m${index}@example.org>`);

    expect(boundReferences(ids, 4)).toEqual([ids[0], ids[7], ids[8], ids[9]]);
  });

  it('drops ids over the header line limit', () => {
    const long = `<${'x'.repeat(1000)}@example.org>`;

    expect(boundReferences(['<a@example.org>', long])).toEqual(['<a@example.org>']);
  });
});
