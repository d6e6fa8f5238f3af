import { Client } from 'pg';
import { KnowledgeKit, startKnowledgeKit } from '../../test/knowledge-test-kit';

/** Distinct words that share the prefix `zapfhahn`, more than a prefix expands to. */
const MANY_COMPLETIONS = Array.from({ length: 60 }, (_, index) => `Zapfhahn${index}`);

describe('search while typing and with typos', () => {
  let kit: KnowledgeKit;

  const foundIds = async (q: string, token?: string) => {
    const response = await kit.harness.request(
      'GET',
      `/api/v1/search?${new URLSearchParams({ q, locale: 'de' })}`,
      { token },
    );
    expect(response.status).toBe(200);

    return response.body.items.map((item: { id: string }) => item.id);
  };

  /** Returns the lexicon's German lexemes that start with `start`. */
  const knownLexemes = async (start: string) => {
    const client = new Client({ connectionString: kit.harness.db.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT DISTINCT lexeme FROM knowledge.search_lexicon
         WHERE search_config = 'knowledge.german_unaccent'::regconfig AND starts_with(lexeme, $1)`,
        [start],
      );

      return rows.map((row) => row.lexeme);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    kit = await startKnowledgeKit();
  });

  afterAll(async () => {
    await kit.harness.close();
  });

  it('completes a word of a new article', async () => {
    const article = await kit.createPublished({
      title: 'Kabel crimpen',
      bodyMarkdown: 'Den Quetschverbinder fest andrücken.',
    });

    expect(await knownLexemes('quetschver')).toEqual(['quetschverbind']);
    expect(await foundIds('Kabel Quetschver')).toEqual([article.id]);
    expect(await foundIds('Quetschverbinder')).toEqual([article.id]);
  });

  it('completes a word of an edited body', async () => {
    const article = await kit.createPublished({ title: 'Kabel isolieren', bodyMarkdown: 'Kurz.' });

    const updated = await kit.edit(article.id, { bodyMarkdown: 'Den Schrumpfschlauch erwärmen.' });
    // Editing a published article keeps it published with the new text.
    const reread = await kit.harness.request('GET', `/api/v1/articles/${article.id}`, {
      token: kit.tokens.agent,
    });

    expect(updated.status).toBe(200);
    expect(reread.body.status).toBe('published');
    expect(await knownLexemes('schrumpf')).toEqual(['schrumpfschlauch']);
    expect(await foundIds('Kabel Schrumpfsch')).toEqual([article.id]);
  });

  it('matches every completion of a word', async () => {
    const setUp = await kit.createPublished({ title: 'Router einrichten' });
    const setting = await kit.createPublished({ title: 'Router Einrichtung prüfen' });

    const found = await foundIds('Router einr');

    expect(found).toHaveLength(2);
    expect(found).toEqual(expect.arrayContaining([setUp.id, setting.id]));
  });

  it('completes a prefix with many known words', async () => {
    const article = await kit.createPublished({
      title: 'Zapfanlage warten',
      bodyMarkdown: MANY_COMPLETIONS.join(' '),
    });

    expect(await foundIds('Zapfanlage zapfh')).toEqual([article.id]);
    expect(await foundIds('Zapfanlage Zapfhahn42')).toEqual([article.id]);
  });

  it('finds similar titles only within the reader scope', async () => {
    const internal = await kit.createPublished({
      title: 'Zeiterfassung exportieren',
      visibility: 'internal',
    });

    expect(await foundIds('Zeiterfasung')).toEqual([]);
    expect(await foundIds('Zeiterfasung', kit.tokens.agent)).toEqual([internal.id]);
  });

  it('tolerates typos in edited titles', async () => {
    const article = await kit.createPublished({ title: 'Kabel beschriften' });

    await kit.edit(article.id, { title: 'Kabelbinder bestellen' });

    // Shorter similar words, such as Kabel, may add other articles below it.
    expect((await foundIds('Kabelbindr'))[0]).toBe(article.id);
    expect((await foundIds('bestelen'))[0]).toBe(article.id);
  });

  it('tolerates a typo in each of two words', async () => {
    const article = await kit.createPublished({ title: 'Monitorarm montieren' });

    expect(await foundIds('Monitorrm montiern')).toEqual([article.id]);
  });

  it('tolerates two swapped letters', async () => {
    const article = await kit.createPublished({ title: 'Etikettendrucker einrichten' });

    expect(await foundIds('Etikettendrukcer')).toEqual([article.id]);
  });
});
