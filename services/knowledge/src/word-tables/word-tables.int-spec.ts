import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { KnowledgeKit, startKnowledgeKit } from '../../test/knowledge-test-kit';
import { WordTablesReport, WordTablesRefresher } from './word-tables.refresher';

const WRITE_LOCK = `hashtext('knowledge:word-table-writes')`;
const RUN_LOCK = `hashtext('knowledge:word-tables')`;

/** Rows of one word in each word table. */
interface WordRows {
  lexicon: number;
  titleWords: number;
  forms: number;
  compoundSplits: number;
}

describe('word table maintenance', () => {
  let kit: KnowledgeKit;
  let refresher: WordTablesRefresher;
  let db: Client;

  const connect = async () => {
    const client = new Client({ connectionString: kit.harness.db.url });
    await client.connect();

    return client;
  };

  /** Counts the rows that the German title word `word` has in each table. */
  const rowsOf = async (word: string): Promise<WordRows> => {
    const { rows } = await db.query(
      `WITH l AS (
         SELECT unnest(tsvector_to_array(to_tsvector('knowledge.german_unaccent', $1))) AS lexeme)
       SELECT
         (SELECT count(*) FROM knowledge.search_lexicon s, l
          WHERE s.search_config = 'knowledge.german_unaccent'::regconfig AND s.lexeme = l.lexeme)::int AS lexicon,
         (SELECT count(*) FROM knowledge.title_word WHERE word = lower($1))::int AS "titleWords",
         (SELECT count(*) FROM knowledge.search_form WHERE form = lower($1))::int AS forms,
         (SELECT count(*) FROM knowledge.compound_split c, l WHERE c.lexeme = l.lexeme)::int
           AS "compoundSplits"`,
      [word],
    );

    return rows[0];
  };

  const search = async (q: string): Promise<string[]> => {
    const response = await kit.harness.request(
      'GET',
      `/api/v1/search?${new URLSearchParams({ q, locale: 'de' })}`,
    );
    if (response.status !== 200) throw new Error(`search ${q}: ${response.status}`);

    return response.body.items.map((item: { id: string }) => item.id);
  };

  const refresh = async (): Promise<WordTablesReport> => {
    const report = await refresher.refresh();
    if (!report) throw new Error('refresh skipped: the run lock is held by another session');

    return report;
  };

  /** Publishes an article with the word and edits the word away, leaving its rows unused. */
  const orphan = async (word: string) => {
    const article = await kit.createPublished({
      title: `${word} prüfen`,
      bodyMarkdown: `Der ${word} steht im Text.`,
    });
    const edited = await kit.edit(article.id, { title: 'Etwas prüfen', bodyMarkdown: 'Nichts.' });
    expect(edited.status).toBe(200);

    return article;
  };

  beforeAll(async () => {
    kit = await startKnowledgeKit({ KNOWLEDGE_WORD_TABLES_INTERVAL_MS: '0' });
    refresher = kit.harness.app.get(WordTablesRefresher);
    db = await connect();
  });

  afterAll(async () => {
    await db.end();
    await kit.harness.close();
  });

  it('removes a word that no article has', async () => {
    await orphan('Quokkagehege');
    const before = await rowsOf('Quokkagehege');
    expect(before.lexicon).toBeGreaterThan(0);
    expect(before.titleWords).toBeGreaterThan(0);
    expect(before.forms).toBeGreaterThan(0);
    expect(before.compoundSplits).toBeGreaterThan(0);

    const report = await refresh();

    expect(report.complete).toBe(true);
    expect(report.removedLexemes).toBeGreaterThan(0);
    expect(await rowsOf('Quokkagehege')).toEqual({
      lexicon: 0,
      titleWords: 0,
      forms: 0,
      compoundSplits: 0,
    });
  });

  it('keeps a word that another article has', async () => {
    await kit.createPublished({ title: 'Kapybarastall lüften', bodyMarkdown: 'Kapybarastall.' });
    await orphan('Kapybarastall');

    await refresh();

    const after = await rowsOf('Kapybarastall');
    expect(after.lexicon).toBeGreaterThan(0);
    expect(after.titleWords).toBeGreaterThan(0);
    expect(after.forms).toBeGreaterThan(0);
    expect(after.compoundSplits).toBeGreaterThan(0);
  });

  it('keeps a word that only a draft has', async () => {
    await kit.createArticle({ title: 'Tapirfutter bestellen', bodyMarkdown: 'Tapirfutter.' });
    await orphan('Tapirfutter');

    await refresh();

    const after = await rowsOf('Tapirfutter');
    expect(after.lexicon).toBeGreaterThan(0);
    expect(after.titleWords).toBeGreaterThan(0);
    expect(after.forms).toBeGreaterThan(0);
  });

  it('keeps a word that a save brings back during a run', async () => {
    await orphan('Flamingoteich');
    const draft = await kit.createArticle({ title: 'Vorlage', bodyMarkdown: 'Leer.' });
    const save = await connect();
    try {
      // The save's triggers find the rows present and insert nothing, before the run starts.
      await save.query('BEGIN');
      await save.query(
        `UPDATE knowledge.article SET title = 'Flamingoteich säubern', body_text = 'Flamingoteich.'
         WHERE id = $1`,
        [draft.id],
      );
      let settled = false;
      const run = refresher.refresh().finally(() => {
        settled = true;
      });
      await sleep(300);
      expect(settled).toBe(false);

      await save.query('COMMIT');
      const report = await run;

      expect(report?.complete).toBe(true);
    } finally {
      await save.end();
    }

    const after = await rowsOf('Flamingoteich');
    expect(after.lexicon).toBeGreaterThan(0);
    expect(after.titleWords).toBeGreaterThan(0);
    expect(after.forms).toBeGreaterThan(0);
  });

  it('re-adds a word a save needs after a batch deleted it', async () => {
    await orphan('Pelikanbecken');
    const draft = await kit.createArticle({ title: 'Entwurf', bodyMarkdown: 'Leer.' });
    const batch = await connect();
    const save = await connect();
    try {
      await batch.query('BEGIN');
      await batch.query(`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`);
      await batch.query(`DELETE FROM knowledge.title_word WHERE word = 'pelikanbecken'`);
      await batch.query(`DELETE FROM knowledge.search_form WHERE form = 'pelikanbecken'`);
      await batch.query(`
        DELETE FROM knowledge.search_lexicon
        WHERE lexeme = ANY(tsvector_to_array(to_tsvector('knowledge.german_unaccent', 'Pelikanbecken')))`);
      const saved = save.query(
        `UPDATE knowledge.article SET title = 'Pelikanbecken leeren', body_text = 'Pelikanbecken.'
         WHERE id = $1`,
        [draft.id],
      );
      await waitForLockWaiter(db, 'advisory');

      await batch.query('COMMIT');
      await saved;
    } finally {
      await batch.end();
      await save.end();
    }

    const after = await rowsOf('Pelikanbecken');
    expect(after.lexicon).toBeGreaterThan(0);
    expect(after.titleWords).toBeGreaterThan(0);
    expect(after.forms).toBeGreaterThan(0);
  });

  it('splits a compound by a part that a later article brings', async () => {
    const compound = await kit.createPublished({
      title: 'Zwirbelquast reinigen',
      bodyMarkdown: 'Anleitung.',
    });
    const parts = await kit.createPublished({
      title: 'Zwirbel und Quast',
      bodyMarkdown: 'Beide Teile getrennt.',
    });
    expect(await search('Zwirbelquast')).not.toContain(parts.id);
    expect(await search('Quast')).not.toContain(compound.id);
    const [{ row_version: versionBefore }] = (
      await db.query('SELECT row_version FROM knowledge.article WHERE id = $1', [compound.id])
    ).rows;

    const report = await refresh();

    expect(report.changedSplits).toBeGreaterThan(0);
    expect(report.rebuiltArticles).toBeGreaterThan(0);
    expect(await search('Zwirbelquast')).toEqual(expect.arrayContaining([compound.id, parts.id]));
    expect(await search('Quast')).toContain(compound.id);
    const [{ row_version: versionAfter }] = (
      await db.query('SELECT row_version FROM knowledge.article WHERE id = $1', [compound.id])
    ).rows;
    expect(versionAfter).toBe(versionBefore);
    const queued = await db.query(
      'SELECT count(*)::int AS n FROM knowledge.article_vector_refresh',
    );
    expect(queued.rows[0].n).toBe(0);
  });

  it('runs on one replica at a time', async () => {
    await orphan('Lemurenhaus');
    const other = await connect();
    try {
      await other.query(`SELECT pg_advisory_lock(${RUN_LOCK})`);

      expect(await refresher.refresh()).toBeUndefined();
      expect((await rowsOf('Lemurenhaus')).titleWords).toBeGreaterThan(0);

      await other.query(`SELECT pg_advisory_unlock(${RUN_LOCK})`);
    } finally {
      await other.end();
    }

    expect(await refresher.refresh()).toBeDefined();
    expect((await rowsOf('Lemurenhaus')).titleWords).toBe(0);
  });

  it('skips a run not yet due', async () => {
    await refresh();
    await orphan('Kormoranhafen');

    expect(await refresher.refresh(60 * 60_000)).toBeUndefined();
    expect((await rowsOf('Kormoranhafen')).titleWords).toBeGreaterThan(0);

    await sleep(20);

    expect(await refresher.refresh(10)).toBeDefined();
    expect((await rowsOf('Kormoranhafen')).titleWords).toBe(0);
  });

  it('cancels a running read at shutdown', async () => {
    const stopped = new WordTablesRefresher(kit.harness.app.get(DataSource));
    const blocker = await connect();
    try {
      // The pass's first read of the articles waits for this lock, like a read of a large table.
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE knowledge.article IN ACCESS EXCLUSIVE MODE');
      const pass = stopped.refresh();
      await waitForLockWaiter(db, 'relation');
      const started = Date.now();

      await stopped.beforeApplicationShutdown();

      await expect(pass).rejects.toThrow(/canceling statement/);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }

    expect(await refresher.refresh()).toBeDefined();
  });
});

/** Returns once a session waits for a lock of the type; fails after about two seconds. */
async function waitForLockWaiter(db: Client, locktype: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = $1 AND NOT granted`,
      [locktype],
    );
    if (rows[0].n > 0) return;
    await sleep(20);
  }
  throw new Error(`no session waited for a ${locktype} lock`);
}
