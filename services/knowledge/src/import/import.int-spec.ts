import { existsSync } from 'node:fs';
import { DEFAULT_IMPORT_DIR, importFolder } from './import-cli';
import { KnowledgeKit, startKnowledgeKit } from '../../test/knowledge-test-kit';

const VPN_ARTICLE = `---
key: network/vpn-809
title: VPN-Fehler 809 beheben
locale: de
category: netzwerk/vpn
visibility: public
keywords: [vpn, firewall]
translation: vpn-809
---
Der Fehler 809 bedeutet, dass die Firewall den Tunnel blockiert.
`;

describe('article import', () => {
  let kit: KnowledgeKit;

  const importFiles = (files: Array<{ path: string; content: string }>, token = kit.tokens.admin) =>
    kit.harness.request('POST', '/api/v1/articles/import', { token, body: { files } });

  beforeAll(async () => {
    kit = await startKnowledgeKit();
  });

  afterAll(async () => {
    await kit.harness.close();
  });

  it('creates, then leaves unchanged, then updates by key', async () => {
    const first = await importFiles([{ path: 'de/vpn.md', content: VPN_ARTICLE }]);
    const repeated = await importFiles([{ path: 'moved/vpn.md', content: VPN_ARTICLE }]);
    const changed = await importFiles([{ path: 'de/vpn.md', content: VPN_ARTICLE.replace('Tunnel', 'VPN-Tunnel') }]);

    expect(first.body.created).toBe(1);
    expect(repeated.body.unchanged).toBe(1);
    expect(changed.body.updated).toBe(1);
    const id = first.body.items[0].articleId;
    expect(repeated.body.items[0].articleId).toBe(id);
    const article = await kit.harness.request('GET', `/api/v1/articles/${id}`);
    expect(article.body.status).toBe('published');
    expect(article.body.publishedVersion).toBe(2);
    expect(article.body.keywords).toEqual(['vpn', 'firewall']);
    expect(article.body.bodyMarkdown).toContain('VPN-Tunnel');
    const categories = await kit.harness.request('GET', '/api/v1/categories');
    expect(categories.body.items[0].slug).toBe('netzwerk');
    expect(categories.body.items[0].children[0].id).toBe(article.body.categoryId);
  });

  it('links translations by their translation key', async () => {
    const english = VPN_ARTICLE.replace('key: network/vpn-809', 'key: network/vpn-809-en')
      .replace('locale: de', 'locale: en')
      .replace('VPN-Fehler 809 beheben', 'Fix VPN error 809');

    const report = await importFiles([{ path: 'en/vpn.md', content: english }]);

    const read = await kit.harness.request('GET', `/api/v1/articles/${report.body.items[0].articleId}`);
    expect(read.body.translations.map((translation: any) => translation.locale)).toEqual(['de']);
  });

  it('derives key, title and locale from the file', async () => {
    const report = await importFiles([{ path: './en/printing/jam.md', content: '# Clear a paper jam\n\nOpen the tray.' }]);

    const item = report.body.items[0];
    expect(item.key).toBe('en/printing/jam.md');
    const article = await kit.harness.request('GET', `/api/v1/articles/${item.articleId}`, { token: kit.tokens.agent });
    expect(article.body.title).toBe('Clear a paper jam');
    expect(article.body.locale).toBe('en');
    expect(article.body.visibility).toBe('internal');
    expect(article.body.bodyMarkdown).toBe('Open the tray.');
  });

  it('reports bad files one by one and imports the rest', async () => {
    const report = await importFiles([
      { path: 'notes/no-locale.md', content: '# Ohne Sprache' },
      { path: 'de/bad-yaml.md', content: '---\ntitle: [unclosed\n---\nText' },
      { path: 'de/code.md', content: '---js\n{ title: "x" }\n---\nText' },
      { path: '../outside.md', content: '# Draußen' },
      { path: 'de/bad-visibility.md', content: '---\nvisibility: secret\n---\n# Geheim' },
      { path: 'de/fine.md', content: '# Alles gut' },
    ]);

    expect(report.status).toBe(200);
    expect(report.body.failed).toBe(5);
    expect(report.body.created).toBe(1);
    const reasons = report.body.items.map((item: any) => item.reason ?? '');
    expect(reasons[0]).toContain('missing locale');
    expect(reasons[1]).toContain('invalid front matter');
    expect(reasons[2]).toContain('YAML');
    expect(reasons[3]).toContain('relative');
    expect(reasons[4]).toContain('visibility');
  });

  it('lets only admins import', async () => {
    const response = await importFiles([{ path: 'de/x.md', content: '# X' }], kit.tokens.agent);

    expect(response.status).toBe(403);
  });

  it('names an empty file list', async () => {
    const response = await importFiles([]);

    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe('files');
  });

  const sampleIt = existsSync(DEFAULT_IMPORT_DIR) ? it : it.skip;

  sampleIt('imports the full sample folder twice without changes the second time', async () => {
    const options = { url: kit.harness.url, token: kit.tokens.admin, visibility: 'public' as const };

    const first = await importFolder(DEFAULT_IMPORT_DIR, options);
    const second = await importFolder(DEFAULT_IMPORT_DIR, options);

    expect(first.failed).toBe(0);
    expect(first.created).toBeGreaterThan(0);
    expect(second.unchanged).toBe(first.created);
    expect(second.created + second.updated).toBe(0);
  });
});
