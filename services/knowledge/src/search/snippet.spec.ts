import { HIGHLIGHT_END, HIGHLIGHT_START, toHighlightedHtml } from './snippet';

describe('toHighlightedHtml', () => {
  it('turns markers into mark elements', () => {
    expect(toHighlightedHtml(`a ${HIGHLIGHT_START}VPN${HIGHLIGHT_END} b`)).toBe(
      'a <mark>VPN</mark> b',
    );
  });

  it('escapes HTML in the text', () => {
    expect(toHighlightedHtml(`<script>"x" & 'y'`)).toBe(
      '&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;',
    );
  });

  it('restores hidden angle brackets escaped', () => {
    expect(toHighlightedHtml('\u0003b\u0004')).toBe('&lt;b&gt;');
  });
});
