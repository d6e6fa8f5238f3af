import { Client } from 'pg';
import { KnowledgeKit, startKnowledgeKit } from '../../test/knowledge-test-kit';
import { COMMON_TERM_MIN_DOCUMENTS } from '../suggestions/suggestion-sql';
import { CANDIDATE_LIMIT } from './search-sql';

/** Articles with the common word in the body: more than a search ranks, so its total is a lower bound. */
const COMMON_ARTICLES = CANDIDATE_LIMIT + 100;

describe('search over many matches', () => {
  let kit: KnowledgeKit;
  let titled: string[];
  let rare: string;

  beforeAll(async () => {
    kit = await startKnowledgeKit();
    const client = new Client({ connectionString: kit.harness.db.url });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO knowledge.article (id, translation_group_id, locale, title, summary, keywords, body_markdown, body_html,
           body_text, visibility, status, row_version, published_version, content_hash, author_id, updated_by_id, published_at)
         SELECT gen_random_uuid(), gen_random_uuid(), 'de', 'Hinweis ' || n, '', '{}', b.body, b.body, b.body,
           'public', 'published', 2, 1, md5(b.body), 'test', 'test', now()
         FROM generate_series(1, $1::int) AS n,
           LATERAL (SELECT 'Im Sammelordner liegt Ablage ' || n || ' mit weiteren Worten zum Thema' AS body) b`,
        [COMMON_ARTICLES],
      );
      await client.query('SELECT knowledge.refresh_term_stats($1)', [COMMON_TERM_MIN_DOCUMENTS]);
    } finally {
      await client.end();
    }
    titled = [];
    for (const title of ['Sammelordner freigeben', 'Sammelordner wiederherstellen']) {
      titled.push((await kit.createPublished({ title, bodyMarkdown: 'Kurz.' })).id);
    }
    rare = (
      await kit.createPublished({
        title: 'Kennwortsperre aufheben',
        bodyMarkdown: 'Im Sammelordner steht nichts dazu.',
      })
    ).id;
  });

  afterAll(async () => {
    await kit.harness.close();
  });

  const search = (q: string) =>
    kit.harness.request('GET', `/api/v1/search?${new URLSearchParams({ q, locale: 'de' })}`);

  it('ranks title matches of a common word first', async () => {
    const response = await search('Sammelordner');

    expect(response.status).toBe(200);
    expect(
      response.body.items
        .slice(0, 2)
        .map((item: any) => item.id)
        .sort(),
    ).toEqual([...titled].sort());
  });

  it('marks the total of a common word as a lower bound', async () => {
    const response = await search('Sammelordner');

    expect(response.body.totalExact).toBe(false);
    expect(response.body.total).toBeGreaterThanOrEqual(CANDIDATE_LIMIT);
    expect(response.body.total).toBeLessThanOrEqual(COMMON_ARTICLES + 3);
  });

  it('counts a rare word exactly', async () => {
    const response = await search('Kennwortsperre');

    expect(response.body.totalExact).toBe(true);
    expect(response.body.total).toBe(1);
  });

  it('suggests by the rare words of a ticket', async () => {
    const response = await kit.harness.request('POST', '/api/v1/suggestions', {
      body: {
        subject: 'Sammelordner Thema',
        body: 'Weitere Worte zur Ablage und eine Kennwortsperre im Sammelordner.',
        locale: 'de',
      },
    });

    expect(response.status).toBe(200);
    expect(response.body.items.slice(0, 3).map((item: any) => item.id)).toContain(rare);
  });

  it('keeps one common word when a ticket has no other', async () => {
    const response = await kit.harness.request('POST', '/api/v1/suggestions', {
      body: { subject: 'Sammelordner', locale: 'de' },
    });

    expect(response.body.items.length).toBeGreaterThan(0);
    expect(titled).toContain(response.body.items[0].id);
  });
});
