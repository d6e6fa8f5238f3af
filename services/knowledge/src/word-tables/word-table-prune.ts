import { setTimeout as sleep } from 'node:timers/promises';
import { QueryRunner } from 'typeorm';
import { WORD_TABLE_WRITE_LOCK } from '../database/migrations/1764900014000-word-table-maintenance';

/** Body characters that `search_form` takes words from; kept in step with `SNIPPET_SOURCE_LENGTH`. */
const SNIPPET_SOURCE_LENGTH = 10_000;
const GERMAN = `'knowledge.german_unaccent'::regconfig`;

const highlightedText = (row: string) =>
  `${row}.title || ' ' || left(${row}.body_text, ${SNIPPET_SOURCE_LENGTH})`;

export interface PruneOptions {
  /** Words deleted per transaction. */
  batchSize: number;
  /** Tries to take the exclusive write lock for one batch before the prune gives up. */
  lockAttempts: number;
  /** Milliseconds to wait after the first failed try. Each further try waits this much longer. */
  lockRetryMs: number;
  shouldStop: () => boolean;
}

/** Rows deleted per table. `complete` is false when the prune stopped before its last batch. */
export interface PruneResult {
  lexemes: number;
  titleWords: number;
  forms: number;
  compoundSplits: number;
  complete: boolean;
}

interface BatchCounts {
  candidates: number;
  removed: number;
  splits: number;
}

/**
 * Statements that delete one batch of candidates, each returning `BatchCounts`. A batch is taken
 * from the front of its candidate table, so a rolled-back batch is taken again.
 */
const DELETE_BATCH = {
  lexemes: `
    WITH batch AS (
      DELETE FROM pg_temp.word_dead_lexeme WHERE n IN (
        SELECT n FROM pg_temp.word_dead_lexeme ORDER BY n LIMIT $1)
      RETURNING search_config, lexeme),
    removed AS (
      DELETE FROM knowledge.search_lexicon l USING batch b
      WHERE l.search_config = b.search_config AND l.lexeme = b.lexeme RETURNING 1),
    splits AS (
      DELETE FROM knowledge.compound_split c USING batch b
      WHERE b.search_config = ${GERMAN} AND c.lexeme = b.lexeme RETURNING 1)
    SELECT (SELECT count(*) FROM batch)::int AS candidates,
      (SELECT count(*) FROM removed)::int AS removed, (SELECT count(*) FROM splits)::int AS splits`,
  titleWords: `
    WITH batch AS (
      DELETE FROM pg_temp.word_dead_title WHERE n IN (
        SELECT n FROM pg_temp.word_dead_title ORDER BY n LIMIT $1)
      RETURNING word),
    removed AS (DELETE FROM knowledge.title_word t USING batch b WHERE t.word = b.word RETURNING 1)
    SELECT (SELECT count(*) FROM batch)::int AS candidates,
      (SELECT count(*) FROM removed)::int AS removed, 0 AS splits`,
  forms: `
    WITH batch AS (
      DELETE FROM pg_temp.word_dead_form WHERE n IN (
        SELECT n FROM pg_temp.word_dead_form ORDER BY n LIMIT $1)
      RETURNING search_config, lexeme, form),
    removed AS (
      DELETE FROM knowledge.search_form f USING batch b
      WHERE f.search_config = b.search_config AND f.lexeme = b.lexeme AND f.form = b.form
      RETURNING 1)
    SELECT (SELECT count(*) FROM batch)::int AS candidates,
      (SELECT count(*) FROM removed)::int AS removed, 0 AS splits`,
};

/**
 * Deletes the rows of `search_lexicon`, `title_word`, `search_form` and `compound_split` that no
 * article produces any more, whatever its status. Runs on one connection, which keeps the
 * candidates in temporary tables.
 *
 * The candidates are found from one snapshot by reading every article, which takes no lock that
 * saves wait for. A save that commits later can bring a candidate back while the row is still
 * there, so its trigger inserts nothing. Each batch is therefore deleted under the exclusive
 * `WORD_TABLE_WRITE_LOCK`, after the words of the articles listed in `word_source_change` since
 * then have left the candidates. Saves whose trigger runs after a batch took the lock wait for
 * its commit and then insert the words it removed.
 */
export class WordTablePrune {
  constructor(
    private readonly runner: QueryRunner,
    private readonly options: PruneOptions,
  ) {}

  async run(): Promise<PruneResult> {
    await this.createTables();
    try {
      await this.inTransaction('REPEATABLE READ', () => this.findCandidates());

      return await this.deleteCandidates();
    } finally {
      await this.runner.query(`DROP TABLE IF EXISTS
        pg_temp.word_dead_lexeme, pg_temp.word_dead_title, pg_temp.word_dead_form`);
    }
  }

  private async createTables(): Promise<void> {
    await this.runner.query(`
      CREATE TEMP TABLE word_dead_lexeme (
        n serial PRIMARY KEY, search_config regconfig NOT NULL, lexeme text COLLATE "C" NOT NULL)`);
    await this.runner.query(`
      CREATE TEMP TABLE word_dead_title (n serial PRIMARY KEY, word text NOT NULL)`);
    await this.runner.query(`
      CREATE TEMP TABLE word_dead_form (
        n serial PRIMARY KEY, search_config regconfig NOT NULL, lexeme text COLLATE "C" NOT NULL,
        form text NOT NULL)`);
    // Saves during the run remove their words from the candidates by these keys.
    await this.runner.query(`CREATE INDEX ON pg_temp.word_dead_lexeme (search_config, lexeme)`);
    await this.runner.query(`CREATE INDEX ON pg_temp.word_dead_title (word)`);
    await this.runner.query(`CREATE INDEX ON pg_temp.word_dead_form (search_config, form)`);
  }

  /**
   * Stores the rows that no article of the transaction's snapshot produces. The changes listed
   * so far are in that snapshot, so they are deleted in it.
   */
  private async findCandidates(): Promise<void> {
    await this.runner.query(`DELETE FROM knowledge.word_source_change`);
    await this.runner.query(`
      INSERT INTO pg_temp.word_dead_lexeme (search_config, lexeme)
      SELECT search_config, lexeme FROM knowledge.search_lexicon
      EXCEPT
      SELECT a.search_config, w.lexeme
      FROM knowledge.article a, unnest(tsvector_to_array(a.search_vector)) AS w(lexeme)`);
    await this.runner.query(`
      INSERT INTO pg_temp.word_dead_title (word)
      SELECT word FROM knowledge.title_word
      EXCEPT
      SELECT w.word
      FROM knowledge.article a, unnest(tsvector_to_array(to_tsvector('simple', a.title))) AS w(word)`);
    // A form is kept with all its lexemes while an article of its configuration has the word.
    // Without statistics on the live words, Postgres expected a few dozen of them and compared
    // every form with every live word, which took minutes at 100,000 articles.
    await this.runner.query(`
      CREATE TEMP TABLE word_live_form ON COMMIT DROP AS
      SELECT DISTINCT a.search_config, w.word AS form
      FROM knowledge.article a, knowledge.distinct_words(${highlightedText('a')}) AS w(word)`);
    await this.runner.query(`ANALYZE pg_temp.word_live_form`);
    await this.runner.query(`
      INSERT INTO pg_temp.word_dead_form (search_config, lexeme, form)
      SELECT DISTINCT f.search_config, f.lexeme, f.form FROM knowledge.search_form f
      WHERE NOT EXISTS (
        SELECT 1 FROM pg_temp.word_live_form live
        WHERE live.search_config = f.search_config AND live.form = f.form)`);
  }

  /** Drops the candidates that the articles listed in `word_source_change` produce again. */
  private async dropRevivedCandidates(): Promise<void> {
    await this.runner.query(`
      CREATE TEMP TABLE word_changed_article (id uuid PRIMARY KEY) ON COMMIT DROP`);
    await this.runner.query(`
      WITH listed AS (DELETE FROM knowledge.word_source_change RETURNING article_id)
      INSERT INTO pg_temp.word_changed_article (id) SELECT DISTINCT article_id FROM listed`);
    await this.runner.query(`
      DELETE FROM pg_temp.word_dead_lexeme d
      USING pg_temp.word_changed_article c JOIN knowledge.article a ON a.id = c.id,
        unnest(tsvector_to_array(a.search_vector)) AS w(lexeme)
      WHERE d.search_config = a.search_config AND d.lexeme = w.lexeme`);
    await this.runner.query(`
      DELETE FROM pg_temp.word_dead_title d
      USING pg_temp.word_changed_article c JOIN knowledge.article a ON a.id = c.id,
        unnest(tsvector_to_array(to_tsvector('simple', a.title))) AS w(word)
      WHERE d.word = w.word`);
    await this.runner.query(`
      DELETE FROM pg_temp.word_dead_form d
      USING pg_temp.word_changed_article c JOIN knowledge.article a ON a.id = c.id,
        knowledge.distinct_words(${highlightedText('a')}) AS w(word)
      WHERE d.search_config = a.search_config AND d.form = w.word`);
  }

  private async deleteCandidates(): Promise<PruneResult> {
    const result: PruneResult = {
      lexemes: 0,
      titleWords: 0,
      forms: 0,
      compoundSplits: 0,
      complete: false,
    };

    for (const table of ['lexemes', 'titleWords', 'forms'] as const) {
      for (;;) {
        if (this.options.shouldStop()) return result;
        const counts = await this.deleteBatch(DELETE_BATCH[table]);
        if (!counts) return result;
        if (counts.candidates === 0) break;

        result[table] += counts.removed;
        result.compoundSplits += counts.splits;
      }
    }
    result.complete = true;

    return result;
  }

  /**
   * Runs one batch statement under the exclusive lock, after the changes listed since the last
   * batch; returns undefined when no try took the lock.
   */
  private async deleteBatch(statement: string): Promise<BatchCounts | undefined> {
    for (let attempt = 1; attempt <= this.options.lockAttempts; attempt += 1) {
      const counts = await this.inTransaction('READ COMMITTED', async () => {
        const [{ locked }] = await this.runner.query(
          `SELECT pg_try_advisory_xact_lock(${WORD_TABLE_WRITE_LOCK}) AS locked`,
        );
        if (!locked) return undefined;

        await this.dropRevivedCandidates();
        const [batch] = await this.runner.query(statement, [this.options.batchSize]);

        return batch as BatchCounts;
      });
      if (counts) return counts;

      await sleep(this.options.lockRetryMs * attempt);
    }

    return undefined;
  }

  private async inTransaction<T>(
    isolation: 'READ COMMITTED' | 'REPEATABLE READ',
    work: () => Promise<T>,
  ): Promise<T> {
    await this.runner.startTransaction(isolation);
    try {
      const result = await work();
      await this.runner.commitTransaction();

      return result;
    } catch (error) {
      await this.runner.rollbackTransaction();
      throw error;
    }
  }
}
