import { cutTitle } from './ticket-title';

describe('cutTitle', () => {
  it('cuts a folded long subject on a character boundary without trailing space', () => {
    const subject = 'Störung '.repeat(200);

    const title = cutTitle(subject);

    expect([...title]).toHaveLength(255);
    expect(title).toBe(`${'Störung '.repeat(31)}Störung`);
  });

  it('never splits a decomposed character', () => {
    const decomposed = `${'a'.repeat(254)}o\u0308`;

    const title = cutTitle(decomposed);

    expect(title).toBe('a'.repeat(254));
  });

  it('keeps short titles and collapses white space', () => {
    expect(cutTitle('  Drucker\n  druckt nicht ')).toBe('Drucker druckt nicht');
  });
});
