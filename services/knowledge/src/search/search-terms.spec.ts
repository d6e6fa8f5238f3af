import { toSearchTerms } from './search-terms';

describe('toSearchTerms', () => {
  it('turns a typed last word into a prefix term', () => {
    const terms = toSearchTerms('Passwort zurückse');

    expect(terms.text).toBe('Passwort zurückse');
    expect(terms.head).toBe('Passwort');
    expect(terms.prefix).toBe("'zurückse':*");
  });

  it('makes no prefix after a trailing space', () => {
    expect(toSearchTerms('Drucker ').prefix).toBeNull();
  });

  it.each(['a:*b', 'C++', "'; DROP TABLE x; --", 'x', '(809)'])(
    'keeps operators of %j out of the prefix',
    (query) => {
      expect(toSearchTerms(query).prefix).toBeNull();
    },
  );

  it('removes control characters and folds white space', () => {
    const terms = toSearchTerms('VPN\u0001\u0002 \t\n Fehler');

    expect(terms.text).toBe('VPN Fehler');
  });

  it('uses trigram similarity only for 3 to 100 characters', () => {
    expect(toSearchTerms('ab').similarity).toBeNull();
    expect(toSearchTerms('abc').similarity).toBe('abc');
    expect(toSearchTerms('a'.repeat(101)).similarity).toBeNull();
  });

  it('keeps the words without digits for the similar title words', () => {
    expect(toSearchTerms('VPN-Verbindung Fehler 809 0x800CCC0E Fehler').words).toEqual([
      'vpn',
      'verbindung',
      'fehler',
    ]);
    expect(toSearchTerms('Zurücksetzen ab').words).toEqual(['zurücksetzen']);
    expect(toSearchTerms('eins zwei drei vier fünf sechs').words).toHaveLength(5);
  });

  it('turns hyphenated words into phrases', () => {
    expect(toSearchTerms('Self-Service Portal').text).toBe('"Self Service" Portal');
    expect(toSearchTerms('E-Mail-Adresse -Spam').text).toBe('"E Mail Adresse" -Spam');
  });

  it('keeps quoted hyphenated words together', () => {
    expect(toSearchTerms('"Self-Service Portal" öffnen').text).toBe('"Self Service Portal" öffnen');
  });

  it('skips similar words when negating', () => {
    expect(toSearchTerms('Drucker -Treiber').words).toEqual([]);
    expect(toSearchTerms('Drucker-Treiber').words).toEqual(['drucker', 'treiber']);
  });
});
