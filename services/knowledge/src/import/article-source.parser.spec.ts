import { ArticleSourceError, normalisePath, parseArticleSource } from './article-source.parser';

describe('parseArticleSource', () => {
  it('reads every front-matter field', () => {
    const source = parseArticleSource(
      'x.md',
      '---\nkey: net/vpn\ntitle: VPN\nlocale: de\ncategory: netz/vpn\nvisibility: public\nstatus: published\nsummary: Kurz\nkeywords: [vpn, tunnel]\ntranslation: vpn\n---\nText',
    );

    expect(source).toMatchObject({
      key: 'net/vpn',
      title: 'VPN',
      locale: 'de',
      category: 'netz/vpn',
      visibility: 'public',
      status: 'published',
      summary: 'Kurz',
      keywords: ['vpn', 'tunnel'],
      bodyMarkdown: 'Text',
    });
    expect(source.translationGroupId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('derives key, title and locale from the file', () => {
    const source = parseArticleSource(
      './en/printing/jam.md',
      '# Clear a paper jam\n\nOpen the tray.',
    );

    expect(source.key).toBe('en/printing/jam.md');
    expect(source.title).toBe('Clear a paper jam');
    expect(source.locale).toBe('en');
    expect(source.bodyMarkdown).toBe('Open the tray.');
  });

  it('leaves an article without status a draft', () => {
    expect(parseArticleSource('de/a.md', '# A').status).toBe('draft');
  });

  it('takes the status from the defaults, then from the file', () => {
    expect(parseArticleSource('de/a.md', '# A', { status: 'published' }).status).toBe('published');
    expect(
      parseArticleSource('de/a.md', '---\nstatus: draft\n---\n# A', { status: 'published' }).status,
    ).toBe('draft');
  });

  it('splits comma-separated keywords', () => {
    expect(
      parseArticleSource('de/a.md', '---\nkeywords: vpn, tunnel ,\n---\n# A').keywords,
    ).toEqual(['vpn', 'tunnel']);
  });

  it.each([
    ['2024-01-01', '2024-01-01'],
    ['1.10', '1.10'],
    ['"quoted: yes"', 'quoted: yes'],
    ['007', '007'],
  ])('keeps the title %s as written', (written, title) => {
    expect(parseArticleSource('de/a.md', `---\ntitle: ${written}\n---\nText`).title).toBe(title);
  });

  it('reads null and an empty value as absent', () => {
    const source = parseArticleSource(
      'de/a.md',
      '---\nsummary: ~\ncategory: null\ntitle:\n---\n# A',
    );

    expect(source.summary).toBe('');
    expect(source.category).toBeNull();
    expect(source.title).toBe('A');
  });

  it.each([
    ['de/a.md', 'de'],
    ['en/a.md', 'en'],
    ['de-AT/a.md', 'de-AT'],
    ['pt-BR/a.md', 'pt-BR'],
    ['gsw/a.md', 'gsw'],
  ])('takes the locale of %s from its folder', (path, locale) => {
    expect(parseArticleSource(path, '# A').locale).toBe(locale);
  });

  it.each(['faq/a.md', 'fm/a.md', 'api/a.md', 'und/a.md', 'de-ZZ/a.md', 'de-XX/a.md'])(
    'takes no locale from the folder of %s',
    (path) => {
      expect(() => parseArticleSource(path, '# A')).toThrow('missing locale');
    },
  );

  it('prefers the front-matter locale to the folder', () => {
    expect(parseArticleSource('faq/a.md', '---\nlocale: en\n---\n# A').locale).toBe('en');
  });

  it('drops null keywords', () => {
    const listed = parseArticleSource(
      'de/a.md',
      '---\nkeywords: [vpn, ~, null, NULL, ""]\n---\n# A',
    );
    const blockList = parseArticleSource(
      'de/a.md',
      '---\nkeywords:\n  - ~\n  - vpn\n  -\n---\n# A',
    );
    const single = parseArticleSource('de/a.md', '---\nkeywords: ~\n---\n# A');

    expect(listed.keywords).toEqual(['vpn']);
    expect(blockList.keywords).toEqual(['vpn']);
    expect(single.keywords).toEqual([]);
  });

  it.each([
    ['no locale', 'notes/a.md', '# A', 'missing locale'],
    ['invalid YAML', 'de/a.md', '---\ntitle: [unclosed\n---\nText', 'invalid front matter'],
    ['JavaScript front matter', 'de/a.md', '---js\n{ title: "x" }\n---\nText', 'YAML'],
    ['a title list', 'de/a.md', '---\ntitle: [a, b]\n---\nText', 'title must be a string'],
    ['keywords of maps', 'de/a.md', '---\nkeywords: [{ a: 1 }]\n---\nText', 'keywords'],
  ])('rejects %s', (_case, path, content, reason) => {
    expect(() => parseArticleSource(path, content)).toThrow(ArticleSourceError);
    expect(() => parseArticleSource(path, content)).toThrow(reason);
  });
});

describe('normalisePath', () => {
  it('uses forward slashes and drops ./', () => {
    expect(normalisePath('.\\de\\vpn.md')).toBe('de/vpn.md');
  });

  it.each(['../x.md', '/etc/x.md', 'de/../../x.md'])('rejects %s outside the folder', (path) => {
    expect(() => normalisePath(path)).toThrow('relative');
  });
});
