import { QueryRunner } from 'typeorm';
import { MAX_SPLIT_PER_FIELD } from '../database/migrations/compound-splitter-sql';
import { acrossBuckets } from '../search/search-buckets';

const GERMAN = `'knowledge.german_unaccent'::regconfig`;

/** Splits that changed, and articles queued for a rebuild of their vectors because of them. */
export interface ResplitResult {
  changedSplits: number;
  queuedArticles: number;
  complete: boolean;
}

/**
 * Splits every stored compound again against the lexemes known now and stores the splits that
 * changed, a batch of `MAX_SPLIT_PER_FIELD` lexemes per transaction. A part that first appeared
 * in a later article then splits the compounds of earlier ones. Queries read the stored splits,
 * so they use the new split at once, and `search_version` is raised so cached responses go.
 *
 * An article's vector has the parts of its compounds at weight D, and a query for a part finds
 * the article only through them. So the German articles that have a compound whose split changed
 * are queued in `article_vector_refresh`, in the transaction that stores the split, and
 * `rebuildQueuedVectors` rebuilds their vectors.
 */
export async function refreshCompoundSplits(
  runner: QueryRunner,
  shouldStop: () => boolean,
): Promise<ResplitResult> {
  const result: ResplitResult = { changedSplits: 0, queuedArticles: 0, complete: false };
  let after = '';

  while (!shouldStop()) {
    const rows: { lexeme: string }[] = await runner.query(
      `SELECT DISTINCT lexeme::text AS lexeme FROM knowledge.compound_split
       WHERE lexeme > $1 ORDER BY 1 LIMIT $2`,
      [after, MAX_SPLIT_PER_FIELD],
    );
    if (rows.length === 0) {
      result.complete = true;
      break;
    }
    after = rows[rows.length - 1].lexeme;

    const batch = await resplitBatch(
      runner,
      rows.map((row) => row.lexeme),
    );
    result.changedSplits += batch.changedSplits;
    result.queuedArticles += batch.queuedArticles;
  }

  return result;
}

async function resplitBatch(
  runner: QueryRunner,
  lexemes: string[],
): Promise<Omit<ResplitResult, 'complete'>> {
  await runner.startTransaction();
  try {
    const changed: { lexeme: string }[] = await runner.query(
      `WITH fresh AS (
         SELECT b.lexeme, s.parts FROM unnest($1::text[]) AS b(lexeme)
           LEFT JOIN knowledge.split_compounds($1::text[]) s ON s.lexeme = b.lexeme),
       changed AS (
         UPDATE knowledge.compound_split c SET parts = f.parts FROM fresh f
         WHERE c.lexeme = f.lexeme AND c.parts IS DISTINCT FROM f.parts
         RETURNING c.lexeme)
       SELECT DISTINCT lexeme::text AS lexeme FROM changed`,
      [lexemes],
    );
    const changedLexemes = changed.map((row) => row.lexeme);
    let queuedArticles = 0;
    if (changedLexemes.length > 0) {
      queuedArticles = await queueArticlesWith(runner, changedLexemes);
      await runner.query(`UPDATE knowledge.search_version SET version = version + 1`);
    }
    await runner.commitTransaction();

    return { changedSplits: changedLexemes.length, queuedArticles };
  } catch (error) {
    await runner.rollbackTransaction();
    throw error;
  }
}

/** Queues the German articles whose vectors have any of the lexemes; returns how many were new. */
async function queueArticlesWith(runner: QueryRunner, lexemes: string[]): Promise<number> {
  const matches = acrossBuckets(
    (bucket) => `SELECT a.id FROM knowledge.article a
      WHERE a.search_bucket = ${bucket} AND a.search_config = ${GERMAN}
        AND a.search_vector @@ (SELECT query FROM wanted)`,
  );
  const queued: unknown[] = await runner.query(
    `WITH wanted AS (
       SELECT array_to_string(ARRAY(SELECT quote_literal(l) FROM unnest($1::text[]) AS l), ' | ')::tsquery
         AS query),
     matched AS (${matches})
     INSERT INTO knowledge.article_vector_refresh (article_id)
     SELECT DISTINCT id FROM matched
     ON CONFLICT DO NOTHING
     RETURNING article_id`,
    [lexemes],
  );

  return queued.length;
}

/**
 * Rebuilds the vectors of the queued articles, `batchSize` per statement, and returns how many
 * it rebuilt. Setting the title to itself fires the trigger that builds both vectors, and a save
 * that committed first keeps its text. Each statement locks only the rows of its batch and skips
 * the articles that a save holds, which stay queued for the next run.
 */
export async function rebuildQueuedVectors(
  runner: QueryRunner,
  batchSize: number,
  shouldStop: () => boolean,
): Promise<{ rebuiltArticles: number; complete: boolean }> {
  let rebuiltArticles = 0;
  let complete = true;
  let after: string | null = null;

  while (!shouldStop()) {
    const [batch]: RebuildBatch[] = await runner.query(
      `WITH candidates AS (
         SELECT article_id FROM knowledge.article_vector_refresh
         WHERE $2::uuid IS NULL OR article_id > $2::uuid
         ORDER BY article_id LIMIT $1),
       locked AS (
         SELECT a.id FROM knowledge.article a JOIN candidates c ON c.article_id = a.id
         FOR UPDATE OF a SKIP LOCKED),
       dequeued AS (
         DELETE FROM knowledge.article_vector_refresh r USING candidates c
         WHERE r.article_id = c.article_id
           AND (r.article_id IN (SELECT id FROM locked)
             OR NOT EXISTS (SELECT 1 FROM knowledge.article a WHERE a.id = r.article_id))
         RETURNING 1),
       rebuilt AS (
         UPDATE knowledge.article a SET title = a.title FROM locked l WHERE a.id = l.id
         RETURNING 1)
       SELECT (SELECT article_id::text FROM candidates ORDER BY article_id DESC LIMIT 1) AS last_id,
         (SELECT count(*) FROM candidates)::int AS candidates,
         (SELECT count(*) FROM dequeued)::int AS dequeued,
         (SELECT count(*) FROM rebuilt)::int AS rebuilt`,
      [batchSize, after],
    );
    if (batch.candidates === 0) return { rebuiltArticles, complete };

    rebuiltArticles += batch.rebuilt;
    if (batch.dequeued < batch.candidates) complete = false;
    after = batch.last_id;
  }

  return { rebuiltArticles, complete: false };
}

interface RebuildBatch {
  last_id: string;
  candidates: number;
  dequeued: number;
  rebuilt: number;
}
