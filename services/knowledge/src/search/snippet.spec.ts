import { highlightWords, snippetOf } from './snippet';

const words = (...forms: string[]) => new Set(forms);
const numbered = (count: number, from = 1) =>
  Array.from({ length: count }, (_, index) => `w${from + index}`).join(' ');

describe('highlightWords', () => {
  it('marks forms in any case', () => {
    expect(highlightWords('Skripte <script> in Makros & MAKROS', words('makros'))).toBe(
      'Skripte &lt;script&gt; in <mark>Makros</mark> &amp; <mark>MAKROS</mark>',
    );
  });

  it('marks whole words only', () => {
    expect(highlightWords('Passwörter, Passwort-Regeln', words('passwörter', 'passwort'))).toBe(
      '<mark>Passwörter</mark>, <mark>Passwort</mark>-Regeln',
    );
    expect(highlightWords('Druckertreiber', words('drucker'))).toBe('Druckertreiber');
  });

  it('escapes quotes and wordless text', () => {
    expect(highlightWords(`"x" & 'y'`, words())).toBe('&quot;x&quot; &amp; &#39;y&#39;');
    expect(highlightWords('<>', words())).toBe('&lt;&gt;');
  });
});

describe('snippetOf', () => {
  it('starts shortly before the match', () => {
    const text = `${numbered(20)} VPN ${numbered(40, 21)}`;

    expect(snippetOf(text, words('vpn'))).toBe(
      `… ${numbered(5, 16)} <mark>VPN</mark> ${numbered(24, 21)} …`,
    );
  });

  it('joins two fragments in order', () => {
    const text = `alpha ${numbered(60)} beta ${numbered(60, 61)}.`;

    expect(snippetOf(text, words('alpha', 'beta'))).toBe(
      `<mark>alpha</mark> ${numbered(29)} … ${numbered(5, 56)} <mark>beta</mark> ${numbered(24, 61)} …`,
    );
  });

  it('prefers most distinct matches', () => {
    const text = `drucker ${numbered(40)} drucker treiber ${numbered(5, 41)}`;

    expect(snippetOf(text, words('drucker', 'treiber'))).toContain(
      '<mark>drucker</mark> <mark>treiber</mark>',
    );
    expect(snippetOf(text, words('drucker', 'treiber')).split(' … ')).toHaveLength(2);
  });

  it('takes 12 words without matches', () => {
    expect(snippetOf(`${numbered(40)}.`, words('vpn'))).toBe(`${numbered(12)} …`);
  });

  it('shows a short text whole', () => {
    const text = `So setzen Sie ${numbered(26)} zurück.`;

    expect(snippetOf(text, words('zurück'))).toBe(
      `So setzen Sie ${numbered(26)} <mark>zurück</mark>.`,
    );
  });

  it('keeps the text end', () => {
    expect(snippetOf('Neustart <hilft>!', words('neustart'))).toBe(
      '<mark>Neustart</mark> &lt;hilft&gt;!',
    );
  });

  it('returns nothing for wordless text', () => {
    expect(snippetOf('', words('vpn'))).toBe('');
    expect(snippetOf(' … ', words('vpn'))).toBe('');
  });
});
