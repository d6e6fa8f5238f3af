import { KnowledgeKit, startKnowledgeKit } from '../../test/knowledge-test-kit';

/** Titles of five public articles whose text is full of query-syntax characters. */
const SYNTAX_TITLES = {
  A1: 'VPN-Verbindung bricht ab (Fehler 809)',
  A2: 'Outlook meldet Fehler 0x800CCC0E beim Senden',
  A3: 'C++ Laufzeitumgebung installieren',
  A4: 'Drucker & Scanner: Treiber aktualisieren',
  A5: 'Passwort zurücksetzen',
};

describe('article search', () => {
  let kit: KnowledgeKit;
  const ids: Record<string, string> = {};

  const search = (params: Record<string, string>, token?: string) =>
    kit.harness.request('GET', `/api/v1/search?${new URLSearchParams(params)}`, { token });
  const foundIds = async (params: Record<string, string>, token?: string) => {
    const response = await search(params, token);
    if (response.status !== 200)
      throw new Error(`search ${JSON.stringify(params)}: ${response.status}`);

    return response.body.items.map((item: { id: string }) => item.id);
  };

  beforeAll(async () => {
    kit = await startKnowledgeKit();
    for (const [name, title] of Object.entries(SYNTAX_TITLES)) {
      ids[name] = (await kit.createPublished({ title, locale: 'de' })).id;
    }
    ids.passwords = (
      await kit.createPublished({ title: 'Passwörter zurücksetzen', locale: 'de' })
    ).id;
    ids.street = (await kit.createPublished({ title: 'Anfahrt zur Hauptstraße', locale: 'de' })).id;
    ids.printers = (
      await kit.createPublished({
        title: 'Printing from a laptop',
        locale: 'en',
        bodyMarkdown: 'The printers on each floor accept jobs from any connected laptop.',
      })
    ).id;
    ids.internal = (
      await kit.createPublished({
        title: 'Interne Serverliste',
        visibility: 'internal',
        bodyMarkdown: 'Geheimnis',
      })
    ).id;
    ids.draft = (
      await kit.createArticle({ title: 'Entwurf Serverliste', bodyMarkdown: 'Geheimnis' })
    ).id;
  });

  afterAll(async () => {
    await kit.harness.close();
  });

  describe('query syntax characters', () => {
    const containing: Array<[string, keyof typeof SYNTAX_TITLES]> = [
      ['0x800CCC0E', 'A2'],
      ['Fehler 809', 'A1'],
      ['"Fehler 809"', 'A1'],
      ['(809)', 'A1'],
      ['VPN:', 'A1'],
      ['VPN-Verbindung', 'A1'],
      ['C++', 'A3'],
      ['Drucker & Scanner', 'A4'],
      ['Passwort!', 'A5'],
    ];

    it.each(containing)('%s finds its article', async (q, expected) => {
      expect(await foundIds({ q })).toContain(ids[expected]);
    });

    const empty = [
      'team:foobar',
      'Something::Namespaced',
      '*',
      '%',
      '!',
      '|',
      '(',
      ':*',
      "'",
      '"',
      '\\',
      '&',
      '<->',
      'a:*b',
      "'; DROP TABLE x; --",
    ];

    it.each(empty)('%s returns an empty list', async (q) => {
      const response = await search({ q });

      expect(response.status).toBe(200);
      expect(response.body.items).toEqual([]);
    });

    it.each(['', ' ', '   \t  '])('empty query %j answers 400 naming q', async (q) => {
      const response = await search({ q });

      expect(response.status).toBe(400);
      expect(response.body.details[0].field).toBe('q');
    });

    it('missing q answers 400 naming q', async () => {
      const response = await kit.harness.request('GET', '/api/v1/search');

      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([{ field: 'q', reason: 'q is required' }]);
    });

    it('accepts a 1,000-character query', async () => {
      const q = 'Passwort zurücksetzen '.repeat(50).slice(0, 1000);

      const response = await search({ q });

      expect(q).toHaveLength(1000);
      expect(response.status).toBe(200);
    });

    it('rejects a 10,000-character query fast, naming q and the maximum', async () => {
      const started = Date.now();

      const response = await search({ q: 'x'.repeat(10_000) });

      expect(Date.now() - started).toBeLessThan(1000);
      expect(response.status).toBe(400);
      expect(response.body.details[0].field).toBe('q');
      expect(response.body.details[0].reason).toContain('1000');
    });

    it('survives control characters in the query', async () => {
      const response = await search({ q: 'Passwort\u0000\u0001' });

      expect(response.status).toBe(200);
      expect(response.body.items.map((item: any) => item.id)).toContain(ids.A5);
    });
  });

  describe('German and English words', () => {
    it('finds plural and umlaut forms from the singular', async () => {
      const found = await foundIds({ q: 'Passwort zurücksetzen', locale: 'de' });

      expect(found).toContain(ids.passwords);
      expect(found).toContain(ids.A5);
    });

    it('finds the singular from the plural with umlaut', async () => {
      expect(await foundIds({ q: 'Passwörter', locale: 'de' })).toContain(ids.A5);
    });

    it('matches without umlauts typed', async () => {
      expect(await foundIds({ q: 'zurucksetzen', locale: 'de' })).toContain(ids.A5);
    });

    it('matches umlauts typed as ae, oe and ue', async () => {
      expect(await foundIds({ q: 'Passwoerter zuruecksetzen', locale: 'de' })).toContain(
        ids.passwords,
      );
    });

    it('matches ß and ss both ways', async () => {
      expect(await foundIds({ q: 'Hauptstrasse', locale: 'de' })).toContain(ids.street);

      const sharp = await kit.createPublished({ title: 'Strasse sperren', locale: 'de' });
      expect(await foundIds({ q: 'Straße', locale: 'de' })).toContain(sharp.id);
    });

    it('stems English words', async () => {
      expect(await foundIds({ q: 'printer', locale: 'en' })).toContain(ids.printers);
      expect(await foundIds({ q: 'connecting laptops' })).toContain(ids.printers);
    });

    it.each(['de', 'en'])('finds hyphenated compounds (%s)', async (locale) => {
      const [portal, exact] = await Promise.all(
        (locale === 'de'
          ? ['Self-Service-Portal nutzen', 'Self-Service für Passwörter']
          : ['Self-Service-Portal for staff', 'Self-Service for passwords']
        ).map((title) => kit.createPublished({ title, locale })),
      );

      for (const q of ['Self-Service', 'self service']) {
        const found = await foundIds({ q, locale });

        expect(found).toContain(portal.id);
        expect(found).toContain(exact.id);
      }
    });

    it('excludes negated words when broadening', async () => {
      const plotter = await kit.createPublished({ title: 'Plotter jammed at night', locale: 'en' });

      expect(await foundIds({ q: 'plotter offline', locale: 'en' })).toEqual([plotter.id]);
      expect(await foundIds({ q: 'plotter -jammed', locale: 'en' })).toEqual([]);
      expect(await foundIds({ q: 'plotter offline -jammed', locale: 'en' })).toEqual([]);
    });

    it('finds a part of a German compound in titles', async () => {
      expect(await foundIds({ q: 'Umgebung', locale: 'de' })).toContain(ids.A3);
    });

    it('tolerates typos in titles', async () => {
      expect(await foundIds({ q: 'Pasword zurucksetzen' })).toContain(ids.A5);
      expect(await foundIds({ q: 'Laufzeitumgebnug' })).toContain(ids.A3);
    });

    it('matches a word prefix while typing', async () => {
      expect(await foundIds({ q: 'Passw' })).toContain(ids.A5);
      expect(await foundIds({ q: 'Treiber aktua' })).toContain(ids.A4);
      expect(await foundIds({ q: 'VPN Verbin' })).toContain(ids.A1);
    });
  });

  describe('scope and filters', () => {
    it('shows internal and unpublished articles to staff only', async () => {
      expect(await foundIds({ q: 'Serverliste' })).toEqual([]);
      expect(await foundIds({ q: 'Serverliste' }, kit.tokens.customer)).toEqual([]);
      expect(await foundIds({ q: 'Serverliste' }, kit.tokens.agent)).toEqual([ids.internal]);
      expect(await foundIds({ q: 'Serverliste', status: 'draft' }, kit.tokens.admin)).toEqual([
        ids.draft,
      ]);
    });

    it('rejects a customer asking for internal articles', async () => {
      const response = await search(
        { q: 'Serverliste', visibility: 'internal' },
        kit.tokens.customer,
      );

      expect(response.status).toBe(400);
      expect(response.body.details[0].field).toBe('visibility');
    });

    it('filters by locale', async () => {
      expect(await foundIds({ q: 'laptop', locale: 'de' })).toEqual([]);
      expect(await foundIds({ q: 'laptop', locale: 'en' })).toEqual([ids.printers]);
    });

    it('matches a regional locale by its language', async () => {
      const austrian = await kit.createPublished({ title: 'Jause bestellen', locale: 'de-AT' });

      expect(await foundIds({ q: 'laptop', locale: 'en-GB' })).toEqual([ids.printers]);
      expect(await foundIds({ q: 'Jause', locale: 'de' })).toEqual([austrian.id]);
      expect(await foundIds({ q: 'Jause', locale: 'en' })).toEqual([]);
    });

    it('counts matches per category and filters by category subtree', async () => {
      const network = await kit.harness.request('POST', '/api/v1/categories', {
        token: kit.tokens.agent,
        body: { name: 'Netzwerk', slug: 'netzwerk' },
      });
      const vpn = await kit.harness.request('POST', '/api/v1/categories', {
        token: kit.tokens.agent,
        body: { name: 'VPN', slug: 'vpn', parentId: network.body.id },
      });
      const inVpn = await kit.createPublished({
        title: 'Tunnel neu starten',
        categoryId: vpn.body.id,
      });
      await kit.createPublished({ title: 'Tunnel dokumentieren' });

      const all = await search({ q: 'Tunnel' });
      expect(all.body.total).toBe(2);
      expect(all.body.facets.categories).toEqual(
        expect.arrayContaining([
          { categoryId: vpn.body.id, name: 'VPN', count: 1 },
          { categoryId: null, name: null, count: 1 },
        ]),
      );
      expect(await foundIds({ q: 'Tunnel', categoryId: network.body.id })).toEqual([inVpn.id]);
    });
  });

  describe('results', () => {
    it('ranks a title match above a body match', async () => {
      const inBody = await kit.createPublished({
        title: 'Allgemeine Hinweise',
        bodyMarkdown: 'Auch der Monitor kann flackern.',
      });
      const inTitle = await kit.createPublished({
        title: 'Monitor flackert',
        bodyMarkdown: 'Kabel prüfen.',
      });

      const found = await foundIds({ q: 'Monitor' });

      expect(found.indexOf(inTitle.id)).toBeLessThan(found.indexOf(inBody.id));
    });

    it('highlights matches and escapes HTML in snippets', async () => {
      await kit.createPublished({
        title: 'Skripte <script> in Makros',
        bodyMarkdown:
          'Makros mit `<img src=x onerror=alert(1)>` sind gesperrt, Makros laufen nicht.',
      });

      const response = await search({ q: 'Makros' });
      const hit = response.body.items[0];

      expect(hit.highlights.title).toBe('Skripte &lt;script&gt; in <mark>Makros</mark>');
      expect(hit.highlights.body).toContain('<mark>Makros</mark>');
      expect(hit.highlights.body).toContain('&lt;img');
      expect(hit.highlights.body).not.toContain('<img');
    });

    it('highlights inflected forms', async () => {
      const response = await search({ q: 'Passwort zurücksetzen', locale: 'de' });
      const hit = response.body.items.find((item: { id: string }) => item.id === ids.passwords);

      expect(hit.highlights.title).toBe('<mark>Passwörter</mark> <mark>zurücksetzen</mark>');
    });

    it('highlights completions of a prefix', async () => {
      const response = await search({ q: 'Treib', locale: 'de' });
      const hit = response.body.items.find((item: { id: string }) => item.id === ids.A4);

      expect(hit.highlights.title).toBe(
        'Drucker &amp; Scanner: <mark>Treiber</mark> aktualisieren',
      );
    });

    it('takes a snippet around a deep match', async () => {
      const filler = Array.from({ length: 300 }, (_, index) => `Absatz${index}`).join(' ');
      const article = await kit.createPublished({
        title: 'Lange Anleitung',
        bodyMarkdown: `${filler} Der Kartenleser braucht einen neuen Treiber. ${filler}`,
      });

      const response = await search({ q: 'Kartenleser' });
      const hit = response.body.items.find((item: { id: string }) => item.id === article.id);

      expect(hit.highlights.body).toBe(
        '… Absatz296 Absatz297 Absatz298 Absatz299 Der <mark>Kartenleser</mark> braucht einen ' +
          'neuen Treiber. Absatz0 Absatz1 Absatz2 Absatz3 Absatz4 Absatz5 Absatz6 Absatz7 Absatz8 ' +
          'Absatz9 Absatz10 Absatz11 Absatz12 Absatz13 Absatz14 Absatz15 Absatz16 Absatz17 ' +
          'Absatz18 Absatz19 …',
      );
    });

    it('highlights words added by an edit', async () => {
      const article = await kit.createPublished({ title: 'Headset koppeln' });
      await kit.edit(article.id, { title: 'Headset koppeln und laden' });

      const response = await search({ q: 'laden' });
      const hit = response.body.items.find((item: { id: string }) => item.id === article.id);

      expect(hit.highlights.title).toBe('Headset koppeln und <mark>laden</mark>');
    });

    it('finds words next to angle brackets', async () => {
      const article = await kit.createPublished({
        title: 'Makro <script> Schutzschild',
        bodyMarkdown: 'Vor `<style>` Rasterfarbe `</style>` und <Platzhalter> Nachtzug.',
      });

      for (const q of ['Schutzschild', '<script>', 'Rasterfarbe', 'Platzhalter', 'Nachtzug']) {
        expect(await foundIds({ q })).toContain(article.id);
      }
    });

    it('pages through results with a cursor, each once', async () => {
      for (let index = 0; index < 7; index += 1) {
        await kit.createPublished({ title: `Kalender freigeben ${index}` });
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const params: Record<string, string> = { q: 'Kalender', limit: '3' };
        if (cursor) params.cursor = cursor;
        const response = await search(params);
        seen.push(...response.body.items.map((item: any) => item.id));
        cursor = response.body.nextCursor;
      } while (cursor);

      expect(seen).toHaveLength(7);
      expect(new Set(seen).size).toBe(7);
    });

    it('rejects a malformed cursor naming it', async () => {
      const response = await search({ q: 'Kalender', cursor: 'not-a-cursor' });

      expect(response.status).toBe(400);
      expect(response.body.details[0].field).toBe('cursor');
    });
  });

  describe('long bodies', () => {
    it('indexes the start of a body over 1 MB', async () => {
      const words = Array.from(
        { length: 160_000 },
        (_, index) => `w${index.toString(36)}x${(index * 7919).toString(36)}`,
      );
      const bodyMarkdown = `Der Quarantäneordner liegt auf dem Laufwerk Q.\n\n${words.join(' ')}`;
      expect(Buffer.byteLength(bodyMarkdown)).toBeGreaterThan(1_100_000);

      const article = await kit.createPublished({ title: 'Sehr langer Artikel', bodyMarkdown });

      expect(article.status).toBe('published');
      expect(await foundIds({ q: 'Quarantäneordner' })).toContain(article.id);
    });
  });
});
