import { existsSync } from 'node:fs';
import { DEFAULT_IMPORT_DIR, importFolder } from './import-cli';
import { KnowledgeKit, startKnowledgeKit } from '../../test/knowledge-test-kit';

const VPN_ARTICLE = `---
key: network/vpn-809
title: VPN-Fehler 809 beheben
locale: de
category: netzwerk/vpn
visibility: public
status: published
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
    const changed = await importFiles([
      { path: 'de/vpn.md', content: VPN_ARTICLE.replace('Tunnel', 'VPN-Tunnel') },
    ]);

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

    const read = await kit.harness.request(
      'GET',
      `/api/v1/articles/${report.body.items[0].articleId}`,
    );
    expect(read.body.translations.map((translation: any) => translation.locale)).toEqual(['de']);
  });

  it('derives key, title and locale from the file', async () => {
    const report = await importFiles([
      { path: './en/printing/jam.md', content: '# Clear a paper jam\n\nOpen the tray.' },
    ]);

    const item = report.body.items[0];
    expect(item.key).toBe('en/printing/jam.md');
    const article = await kit.harness.request('GET', `/api/v1/articles/${item.articleId}`, {
      token: kit.tokens.agent,
    });
    expect(article.body.title).toBe('Clear a paper jam');
    expect(article.body.locale).toBe('en');
    expect(article.body.visibility).toBe('internal');
    expect(article.body.bodyMarkdown).toBe('Open the tray.');
  });

  it('takes only language tags as locale folders', async () => {
    const report = await importFiles([
      { path: 'faq/reset.md', content: '# Reset' },
      { path: 'fm/radio.md', content: '# Radio' },
      { path: 'de-AT/kassa.md', content: '# Kassa' },
    ]);

    expect(report.status).toBe(200);
    expect(report.body.failed).toBe(2);
    expect(report.body.created).toBe(1);
    expect(report.body.items[0].reason).toContain('missing locale');
    expect(report.body.items[1].reason).toContain('missing locale');
    const article = await kit.harness.request(
      'GET',
      `/api/v1/articles/${report.body.items[2].articleId}`,
      { token: kit.tokens.agent },
    );
    expect(article.body.locale).toBe('de-AT');
  });

  it('drops null keywords of a file', async () => {
    const report = await importFiles([
      { path: 'de/keywords.md', content: '---\nkeywords: [drucker, ~, null]\n---\n# Drucker' },
    ]);

    const article = await kit.harness.request(
      'GET',
      `/api/v1/articles/${report.body.items[0].articleId}`,
      { token: kit.tokens.agent },
    );
    expect(article.body.keywords).toEqual(['drucker']);
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
    const options = {
      url: kit.harness.url,
      token: kit.tokens.admin,
      visibility: 'public' as const,
      status: 'published' as const,
    };

    const first = await importFolder(DEFAULT_IMPORT_DIR, options);
    const second = await importFolder(DEFAULT_IMPORT_DIR, options);

    expect(first.failed).toBe(0);
    expect(first.created).toBeGreaterThan(0);
    expect(second.unchanged).toBe(first.created);
    expect(second.created + second.updated).toBe(0);
  });

  describe('status', () => {
    const article = (key: string, status?: string, body = 'Text') =>
      `---\nkey: ${key}\nlocale: de\n${status ? `status: ${status}\n` : ''}---\n# ${key}\n\n${body}`;
    const read = async (id: string) =>
      (await kit.harness.request('GET', `/api/v1/articles/${id}`, { token: kit.tokens.agent }))
        .body;

    it('leaves a file without status a draft', async () => {
      const report = await importFiles([{ path: 'de/draft.md', content: article('status/none') }]);

      expect((await read(report.body.items[0].articleId)).status).toBe('draft');
    });

    it('publishes by default only when the request says so', async () => {
      const response = await kit.harness.request('POST', '/api/v1/articles/import', {
        token: kit.tokens.admin,
        body: {
          files: [{ path: 'de/default.md', content: article('status/default') }],
          defaults: { status: 'published' },
        },
      });

      expect((await read(response.body.items[0].articleId)).status).toBe('published');
    });

    it('publishes a draft on update with a new version', async () => {
      const first = await importFiles([
        { path: 'de/a.md', content: article('status/update', 'draft') },
      ]);
      const second = await importFiles([
        { path: 'de/a.md', content: article('status/update', 'published') },
      ]);
      const third = await importFiles([
        { path: 'de/a.md', content: article('status/update', 'published', 'Neu') },
      ]);

      expect(second.body.updated).toBe(1);
      expect(third.body.updated).toBe(1);
      const id = first.body.items[0].articleId;
      const current = await read(id);
      expect(current.status).toBe('published');
      expect(current.publishedVersion).toBe(2);
      const versions = await kit.harness.request('GET', `/api/v1/articles/${id}/versions`, {
        token: kit.tokens.agent,
      });
      expect(versions.body.items.map((version: any) => version.version).sort()).toEqual([1, 2]);
    });

    it('reports a published article that a file wants back as draft', async () => {
      const first = await importFiles([
        { path: 'de/b.md', content: article('status/back', 'published') },
      ]);

      const report = await importFiles([
        { path: 'de/b.md', content: article('status/back', 'draft', 'Anders') },
      ]);

      expect(report.body.failed).toBe(1);
      expect(report.body.items[0].reason).toContain('status: published');
      const current = await read(first.body.items[0].articleId);
      expect(current.status).toBe('published');
      expect(current.bodyMarkdown).toBe('Text');
    });

    it('reopens an archived article and publishes it again', async () => {
      const first = await importFiles([
        { path: 'de/c.md', content: article('status/archived', 'published') },
      ]);
      const id = first.body.items[0].articleId;
      const archived = await kit.harness.request('POST', `/api/v1/articles/${id}/transitions`, {
        token: kit.tokens.agent,
        body: { status: 'archived' },
      });
      expect(archived.status).toBe(200);

      const report = await importFiles([
        { path: 'de/c.md', content: article('status/archived', 'published', 'Wieder da') },
      ]);

      expect(report.body.updated).toBe(1);
      const current = await read(id);
      expect(current.status).toBe('published');
      expect(current.bodyMarkdown).toBe('Wieder da');
    });
  });

  describe('multipart upload', () => {
    const upload = (form: FormData, token = kit.tokens.admin) =>
      fetch(`${kit.harness.url}/api/v1/articles/import/files`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
    const markdown = (text: string) => new Blob([text], { type: 'text/markdown' });

    it('imports several .md files named by their paths', async () => {
      const form = new FormData();
      form.append(
        'files',
        markdown('# Drucker einrichten\n\nTreiber installieren.'),
        'de/upload/drucker.md',
      );
      form.append(
        'files',
        markdown('# Set up a printer\n\nInstall the driver.'),
        'en/upload/printer.md',
      );
      form.append('visibility', 'public');
      form.append('status', 'published');

      const response = await upload(form);
      const report = (await response.json()) as any;

      expect(response.status).toBe(200);
      expect(report.created).toBe(2);
      expect(report.items.map((item: any) => item.key)).toEqual([
        'de/upload/drucker.md',
        'en/upload/printer.md',
      ]);
      const article = await kit.harness.request(
        'GET',
        `/api/v1/articles/${report.items[1].articleId}`,
      );
      expect(article.status).toBe(200);
      expect(article.body.locale).toBe('en');
    });

    it('names a file that is not Markdown', async () => {
      const form = new FormData();
      form.append('files', new Blob(['MZ']), 'de/tool.exe');

      const response = await upload(form);
      const body = (await response.json()) as any;

      expect(response.status).toBe(400);
      expect(body.details[0].field).toBe('files.files');
      expect(body.details[0].reason).toContain('tool.exe');
    });

    it('names text that is not UTF-8', async () => {
      const form = new FormData();
      form.append('files', new Blob([Buffer.from([0x23, 0x20, 0xff, 0xfe])]), 'de/latin.md');

      const response = await upload(form);
      const body = (await response.json()) as any;

      expect(response.status).toBe(400);
      expect(body.details[0].reason).toContain('UTF-8');
    });

    it('names an unknown field and a bad default', async () => {
      const unknown = new FormData();
      unknown.append('owner', 'x');
      const badStatus = new FormData();
      badStatus.append('files', markdown('# A'), 'de/a.md');
      badStatus.append('status', 'archived');

      const unknownResponse = await upload(unknown);
      const badStatusResponse = await upload(badStatus);

      expect(unknownResponse.status).toBe(400);
      expect(((await unknownResponse.json()) as any).details[0].field).toBe('owner');
      expect(badStatusResponse.status).toBe(400);
      expect(((await badStatusResponse.json()) as any).details[0].field).toBe('defaults.status');
    });

    it('names an upload without files', async () => {
      const form = new FormData();
      form.append('visibility', 'public');

      const response = await upload(form);

      expect(response.status).toBe(400);
      expect(((await response.json()) as any).details[0].field).toBe('files');
    });

    it('answers JSON with 415 and agents with 403', async () => {
      const json = await kit.harness.request('POST', '/api/v1/articles/import/files', {
        token: kit.tokens.admin,
        body: { files: [] },
      });
      const form = new FormData();
      form.append('files', markdown('# A'), 'de/a.md');

      const agent = await upload(form, kit.tokens.agent);

      expect(json.status).toBe(415);
      expect(json.body.details[0].reason).toBe(
        'Content-Type application/json is not supported here; send multipart/form-data',
      );
      expect(agent.status).toBe(403);
    });
  });
});
