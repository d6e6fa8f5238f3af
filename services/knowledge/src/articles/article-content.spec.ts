import { hashContent, removeControlCharacters, renderBody } from './article-content';

describe('renderBody', () => {
  it('renders Markdown to HTML and plain text', () => {
    const { bodyHtml, bodyText } = renderBody('# Titel\n\nErster **Absatz**.\n\n- eins\n- zwei');

    expect(bodyHtml).toContain('<h1>Titel</h1>');
    expect(bodyHtml).toContain('<strong>Absatz</strong>');
    expect(bodyText).toBe('Titel\n\nErster Absatz.\n\neins\n\nzwei');
  });

  it('keeps raw HTML as text', () => {
    const { bodyHtml } = renderBody('<script>alert(1)</script> <img src=x onerror=alert(1)>');

    expect(bodyHtml).not.toContain('<script');
    expect(bodyHtml).not.toContain('<img');
    expect(bodyHtml).toContain('&lt;script&gt;');
  });

  it('drops links with schemes other than http, https and mailto', () => {
    const { bodyHtml } = renderBody('[j](javascript:alert(1)) [f](ftp://example.org/x)');

    expect(bodyHtml).not.toContain('href="javascript');
    expect(bodyHtml).not.toContain('href="ftp');
  });

  it('marks links as nofollow and without opener', () => {
    const { bodyHtml } = renderBody('[Hilfe](https://example.org/hilfe)');

    expect(bodyHtml).toContain('href="https://example.org/hilfe"');
    expect(bodyHtml).toContain('rel="noopener noreferrer nofollow"');
  });

  it('restores entities in the plain text', () => {
    expect(renderBody('A & B <C>').bodyText).toBe('A & B <C>');
  });
});

describe('removeControlCharacters', () => {
  it('keeps tabs and newlines and drops the highlight markers', () => {
    expect(removeControlCharacters('a\u0000b\u0001c\td\ne')).toBe('abc\td\ne');
  });
});

describe('hashContent', () => {
  const content = {
    title: 'VPN',
    summary: '',
    keywords: ['vpn'],
    bodyMarkdown: 'Text',
    categoryId: null,
    visibility: 'public' as const,
    locale: 'de',
  };

  it('is stable for equal content', () => {
    expect(hashContent({ ...content })).toBe(hashContent(content));
  });

  it('changes with any field', () => {
    expect(hashContent({ ...content, visibility: 'internal' })).not.toBe(hashContent(content));
    expect(hashContent({ ...content, keywords: ['vpn', 'x'] })).not.toBe(hashContent(content));
  });
});
