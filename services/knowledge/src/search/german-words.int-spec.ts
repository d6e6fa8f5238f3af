import { Client } from 'pg';
import { KnowledgeKit, startKnowledgeKit } from '../../test/knowledge-test-kit';

describe('German stopwords and compounds', () => {
  let kit: KnowledgeKit;
  const ids: Record<string, string> = {};

  const search = (q: string) =>
    kit.harness.request('GET', `/api/v1/search?${new URLSearchParams({ q, locale: 'de' })}`);
  const foundIds = async (q: string): Promise<string[]> => {
    const response = await search(q);
    if (response.status !== 200) throw new Error(`search ${q}: ${response.status}`);

    return response.body.items.map((item: { id: string }) => item.id);
  };
  const firstValue = async <T>(sql: string, params: unknown[]): Promise<T> => {
    const client = new Client({ connectionString: kit.harness.db.url });
    await client.connect();
    try {
      const { rows } = await client.query(sql, params);

      return Object.values(rows[0])[0] as T;
    } finally {
      await client.end();
    }
  };
  const germanLexemes = (text: string) =>
    firstValue<string[]>(
      `SELECT tsvector_to_array(to_tsvector('knowledge.german_unaccent', $1)) AS lexemes`,
      [text],
    );

  beforeAll(async () => {
    kit = await startKnowledgeKit();
    const titles = {
      change: 'Passwort ändern',
      queue: 'Druckerwarteschlange leeren',
      queueWords: 'Warteschlange des Druckers leeren',
      printer: 'Drucker neu starten',
      passwordChange: 'Kennwortänderung beantragen',
      vpn: 'VPN-Zugang für Gäste',
    };
    for (const [name, title] of Object.entries(titles)) {
      ids[name] = (await kit.createPublished({ title, locale: 'de' })).id;
    }
  });

  afterAll(async () => {
    await kit.harness.close();
  });

  describe('stopwords', () => {
    it('keeps words whose folded form is a stopword', async () => {
      expect(await germanLexemes('ändern hätte müsste wären')).toEqual(
        expect.arrayContaining(['and', 'hatt', 'musst', 'war']),
      );
    });

    it('drops stopwords written with umlauts', async () => {
      expect(await germanLexemes('für über können würde')).toEqual([]);
    });

    it('finds "ändern" in a title', async () => {
      expect(await foundIds('ändern')).toContain(ids.change);
      expect(await foundIds('Passwort ändern')).toContain(ids.change);
    });

    it('accepts the stopword "andern" alone', async () => {
      const response = await search('andern');

      expect(response.status).toBe(200);
      expect(Array.isArray(response.body.items)).toBe(true);
    });

    it('ignores "für" between other words', async () => {
      expect(await foundIds('Zugang für Gäste')).toContain(ids.vpn);
    });
  });

  describe('compounds', () => {
    it('finds a compound by its head', async () => {
      expect(await foundIds('Warteschlange')).toContain(ids.queue);
    });

    it('marks compounds found by a part', async () => {
      const response = await search('Warteschlange');
      const hit = response.body.items.find((item: { id: string }) => item.id === ids.queue);

      expect(hit.highlights.title).toBe('<mark>Druckerwarteschlange</mark> leeren');
    });

    it('finds a compound by its modifier', async () => {
      expect(await foundIds('Drucker')).toContain(ids.queue);
    });

    it('finds separate words from a compound query', async () => {
      const found = await foundIds('Druckerwarteschlange');

      expect(found).toContain(ids.queue);
      expect(found).toContain(ids.queueWords);
    });

    it('ranks the compound itself first', async () => {
      const found = await foundIds('Druckerwarteschlange');

      expect(found.indexOf(ids.queue)).toBe(0);
    });

    it('ranks the exact word above a compound part', async () => {
      const found = await foundIds('Drucker');

      expect(found.indexOf(ids.printer)).toBeGreaterThanOrEqual(0);
      expect(found.indexOf(ids.printer)).toBeLessThan(found.indexOf(ids.queue));
    });

    it('ranks the exact head above a compound part', async () => {
      const found = await foundIds('Warteschlange ');

      expect(found.indexOf(ids.queueWords)).toBe(0);
      expect(found).toContain(ids.queue);
    });

    it('matches "Kennwortänderung" and "Kennwort ändern" both ways', async () => {
      const changed = await kit.createPublished({ title: 'Kennwort ändern', locale: 'de' });

      expect(await foundIds('Kennwortänderung')).toContain(changed.id);
      expect(await foundIds('Kennwort ändern')).toContain(ids.passwordChange);
    });

    it('splits compounds of words only the articles contain', async () => {
      const parts = await kit.createPublished({
        title: 'Quarantäne',
        locale: 'de',
        bodyMarkdown: 'Der Ordner heißt Quarantäne.',
      });
      const compound = await kit.createPublished({ title: 'Quarantäneordner leeren' });

      expect(await foundIds('Quarantäneordner')).toContain(parts.id);
      expect(await foundIds('Quarantäne')).toContain(compound.id);
    });

    it('splits a 1 MB body and a long query in bounded time', async () => {
      // Distinct letter-only words that start with a known modifier, so each one is tried.
      const letters = (index: number) =>
        index.toString(26).replace(/./g, (digit) => String.fromCharCode(97 + parseInt(digit, 26)));
      const words = Array.from({ length: 90_000 }, (_, index) => `Drucker${letters(index)}`);
      const bodyMarkdown = `Die Warteschlangenverwaltung.\n\n${words.join(' ')}`;
      expect(Buffer.byteLength(bodyMarkdown)).toBeGreaterThan(1_000_000);

      const started = Date.now();
      const article = await kit.createPublished({ title: 'Sehr lange Seite', bodyMarkdown });
      const query = words.slice(0, 200).join(' ').slice(0, 1000);
      const response = await search(query);

      expect(response.status).toBe(200);
      expect(await foundIds('Warteschlangenverwaltung')).toContain(article.id);
      expect(Date.now() - started).toBeLessThan(20_000);
    });
  });

  describe('spelled-out umlauts', () => {
    const spelling = (config: string, text: string) =>
      firstValue<string>(`SELECT knowledge.search_spelling($1::regconfig, $2)`, [config, text]);
    const bodies = {
      umlauts: 'Die Größe der Schrift auf dem Bildschirm lässt sich ändern.',
      spelledOut: 'Die Groesse der Symbole im Menue laesst sich anpassen.',
      building: 'Der Bau des Rechenzentrums beginnt im Mai.',
      nine: 'Im zweiten Stock stehen neun Drucker.',
    };

    beforeAll(async () => {
      for (const [name, bodyMarkdown] of Object.entries(bodies)) {
        ids[name] = (await kit.createPublished({ title: `Hinweis ${name}`, bodyMarkdown })).id;
      }
    });

    it('reads spelled-out umlauts in German only', async () => {
      expect(await spelling('knowledge.german_unaccent', 'Groesse Aerger Menue Queue')).toBe(
        'Grösse ärger Menü Queue',
      );
      expect(await spelling('knowledge.english_unaccent', 'blue value')).toBe('blue value');
    });

    it.each([
      ['Groesse', 'umlauts'],
      ['Größe', 'spelledOut'],
      ['Menü', 'spelledOut'],
      ['laesst', 'umlauts'],
      ['Bildschirmgroesse', 'umlauts'],
    ])('finds "%s" spelled the other way (%s)', async (q, name) => {
      expect(await foundIds(q)).toContain(ids[name]);
    });

    it('marks the other spelling in the snippet', async () => {
      const response = await search('Groesse');
      const hit = response.body.items.find((item: { id: string }) => item.id === ids.umlauts);

      expect(hit.highlights.body).toContain('<mark>Größe</mark>');
    });

    it('keeps "au" and "eu" before an e', async () => {
      expect(await foundIds('bauen')).toContain(ids.building);
      // The trailing space ends the word, so it is no prefix of "neun".
      expect(await foundIds('neuen ')).not.toContain(ids.nine);
    });
  });

  describe('stored splits', () => {
    const storedSplits = async (lexemes: string[]) => {
      const client = new Client({ connectionString: kit.harness.db.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ lexeme: string; parts: string[] | null }>(
          `SELECT lexeme, parts FROM knowledge.compound_split WHERE lexeme = ANY($1) ORDER BY lexeme`,
          [lexemes],
        );

        return rows;
      } finally {
        await client.end();
      }
    };

    it('keeps the split of a saved compound and the lack of one', async () => {
      const [compound] = await germanLexemes('Druckerwarteschlange');
      const [plain] = await germanLexemes('Zertifikat');
      await kit.createPublished({ title: 'Zertifikat erneuern', locale: 'de' });

      expect(await storedSplits([compound, plain])).toEqual([
        { lexeme: compound, parts: ['druck', 'warteschlang'] },
        { lexeme: plain, parts: null },
      ]);
    });

    it('splits a query word that no article has', async () => {
      expect(await storedSplits(['warteschlangedrucker'])).toEqual([]);

      expect(await foundIds('Warteschlangendrucker')).toEqual(
        expect.arrayContaining([ids.queue, ids.queueWords]),
      );
    });
  });
});
