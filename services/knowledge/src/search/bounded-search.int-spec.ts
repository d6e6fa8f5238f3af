import { Client } from 'pg';
import { KnowledgeKit, startKnowledgeKit } from '../../test/knowledge-test-kit';
import { COMMON_TERM_MIN_DOCUMENTS } from '../suggestions/suggestion-sql';
import { SEARCH_BUCKET_COUNT } from './search-buckets';
import { CANDIDATE_LIMIT } from './search-sql';

/** Articles with the common word in the body: more than a search ranks, so its total is a lower bound. */
const COMMON_ARTICLES = CANDIDATE_LIMIT + 100;

describe('search over many matches', () => {
  let kit: KnowledgeKit;
  let titled: string[];
  let rare: string;
  let dbUrl: string;

  /** Runs one statement on the test database. */
  const sql = async (text: string, params: unknown[] = []) => {
    const client = new Client({ connectionString: dbUrl });
    await client.connect();
    try {
      return (await client.query(text, params)).rows;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    kit = await startKnowledgeKit();
    dbUrl = kit.harness.db.url;
    const client = new Client({ connectionString: dbUrl });
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

  it('has one index per bucket and vector', async () => {
    const rows = await sql(
      `SELECT indexdef FROM pg_indexes
       WHERE schemaname = 'knowledge' AND indexname ~ '^ix_article_(search_vector|title_vector)_b'`,
    );
    const definitions = rows.map((row) => row.indexdef as string);

    for (const indexed of ['(search_vector)', '(title_vector)']) {
      for (let bucket = 0; bucket < SEARCH_BUCKET_COUNT; bucket += 1) {
        expect(definitions).toContainEqual(
          expect.stringContaining(
            `USING gin ${indexed} WITH (gin_pending_list_limit='64') WHERE (search_bucket = ${bucket})`,
          ),
        );
      }
    }
    expect(definitions).toHaveLength(2 * SEARCH_BUCKET_COUNT);
  });

  it('finds articles in every bucket', async () => {
    // Draws ids until each bucket has one; bucket 0 gets 1 in 128 ids.
    await sql(
      `DO $$
       DECLARE candidate uuid; found int := 0; taken boolean[] := array_fill(false, ARRAY[$1]);
       BEGIN
         WHILE found < $1 LOOP
           candidate := gen_random_uuid();
           IF NOT taken[knowledge.search_bucket_of(candidate) + 1] THEN
             taken[knowledge.search_bucket_of(candidate) + 1] := true;
             found := found + 1;
             INSERT INTO knowledge.article (id, translation_group_id, locale, title, summary, keywords,
               body_markdown, body_html, body_text, visibility, status, row_version, published_version,
               content_hash, author_id, updated_by_id, published_at)
             VALUES (candidate, gen_random_uuid(), 'de', 'Eimerprobe', '', '{}', 'Eimerinhalt', 'Eimerinhalt',
               'Eimerinhalt', 'public', 'published', 2, 1, md5(candidate::text), 'test', 'test', now());
           END IF;
         END LOOP;
       END $$`.replace(/\$1/g, String(SEARCH_BUCKET_COUNT)),
    );
    const buckets = await sql(
      `SELECT DISTINCT search_bucket FROM knowledge.article WHERE title = 'Eimerprobe'`,
    );

    const byTitle = await search('Eimerprobe');
    const byBody = await search('Eimerinhalt');

    expect(buckets).toHaveLength(SEARCH_BUCKET_COUNT);
    expect(byTitle.body.total).toBe(SEARCH_BUCKET_COUNT);
    expect(byTitle.body.totalExact).toBe(true);
    expect(byBody.body.total).toBe(SEARCH_BUCKET_COUNT);
  });

  it('stops at a full set of title matches', async () => {
    await sql(
      `INSERT INTO knowledge.article (id, translation_group_id, locale, title, summary, keywords, body_markdown,
         body_html, body_text, visibility, status, row_version, published_version, content_hash, author_id,
         updated_by_id, published_at)
       SELECT gen_random_uuid(), gen_random_uuid(), 'de', 'Stapelablage ' || n, '', '{}', 'Kurz.', 'Kurz.', 'Kurz.',
         'public', 'published', 2, 1, md5(n::text), 'test', 'test', now()
       FROM generate_series(1, $1::int) AS n`,
      [CANDIDATE_LIMIT + 10],
    );
    const bodyOnly = (
      await kit.createPublished({
        title: 'Ablage leeren',
        bodyMarkdown: 'Die Stapelablage leeren.',
      })
    ).id;

    const response = await search('Stapelablage');

    expect(response.body.totalExact).toBe(false);
    expect(response.body.total).toBe(CANDIDATE_LIMIT);
    expect(response.body.items[0].title).toMatch(/^Stapelablage /);
    expect(response.body.items.map((item: any) => item.id)).not.toContain(bodyOnly);
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
