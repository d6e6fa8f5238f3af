import { MigrationInterface, QueryRunner } from 'typeorm';
import {
  MAX_COMPOUND_LENGTH,
  MAX_SPLIT_PER_FIELD,
  MIN_COMPOUND_LENGTH,
} from './compound-splitter-sql';

/**
 * Advisory lock key between the triggers that add words and the job that removes them. Each
 * trigger takes it shared before it checks which words are missing, and the job takes it
 * exclusively around each batch it deletes.
 */
export const WORD_TABLE_WRITE_LOCK = `hashtext('knowledge:word-table-writes')`;

/**
 * Prepares the word tables (`search_lexicon`, `title_word`, `search_form` and `compound_split`)
 * for the periodic job that removes the words no article has any more and refreshes the stored
 * compound splits.
 *
 * The functions that add words insert only the words that are missing. Without a common lock, a
 * save that finds a word present while the job deletes it would commit without the word. Now they
 * first take `WORD_TABLE_WRITE_LOCK` shared, which waits only while the job deletes one batch,
 * and then check with a snapshot taken after the job's batch committed.
 *
 * `word_source_change` receives the id of every article whose words a statement changes, in the
 * statement's transaction and under the same shared lock. The job reads and deletes these rows
 * while it holds the lock, so it learns which articles changed since it found its candidates
 * without reading every article again. It deletes them at the start of each run, so with the
 * job turned off the table grows by one row per save.
 *
 * `article_vector_refresh` lists the articles whose vectors are rebuilt because the split of one
 * of their compounds changed. It is a table so that a rebuild stopped by a shutdown resumes.
 * `maintenance_run` keeps when the last complete run finished, so the replicas run the job once
 * per interval between them, however often they restart.
 */
export class WordTableMaintenance1764900014000 implements MigrationInterface {
  name = 'WordTableMaintenance1764900014000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createWordFunctions(queryRunner, true);
    await createChangeLog(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "knowledge"."article_vector_refresh" ("article_id" uuid PRIMARY KEY)`);
    await queryRunner.query(`
      CREATE TABLE "knowledge"."maintenance_run" (
        "name" text PRIMARY KEY,
        "finished_at" timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "knowledge"."maintenance_run"`);
    await queryRunner.query(`DROP TABLE "knowledge"."article_vector_refresh"`);
    await queryRunner.query(
      `DROP TRIGGER "trg_article_word_change_update" ON "knowledge"."article"`,
    );
    await queryRunner.query(
      `DROP TRIGGER "trg_article_word_change_insert" ON "knowledge"."article"`,
    );
    await queryRunner.query(`DROP FUNCTION "knowledge"."word_change_after_update"()`);
    await queryRunner.query(`DROP FUNCTION "knowledge"."word_change_after_insert"()`);
    await queryRunner.query(`DROP TABLE "knowledge"."word_source_change"`);
    await createWordFunctions(queryRunner, false);
  }
}

/**
 * Replaces the functions that add words with their definitions from the migrations that created
 * them, with or without the shared lock as their first statement.
 */
async function createWordFunctions(queryRunner: QueryRunner, locked: boolean): Promise<void> {
  const lock = locked ? `SELECT pg_advisory_xact_lock_shared(${WORD_TABLE_WRITE_LOCK});` : '';
  const plpgsqlLock = locked
    ? `PERFORM pg_advisory_xact_lock_shared(${WORD_TABLE_WRITE_LOCK});`
    : '';

  await queryRunner.query(`
    CREATE OR REPLACE FUNCTION "knowledge"."add_lexicon_entries"(config regconfig, lexemes text[]) RETURNS void
    LANGUAGE sql
    AS $$ ${lock}
      INSERT INTO knowledge.search_lexicon (search_config, lexeme)
      SELECT DISTINCT add_lexicon_entries.config, added.lexeme FROM unnest(lexemes) AS added(lexeme)
      WHERE NOT EXISTS (
        SELECT 1 FROM knowledge.search_lexicon known
        WHERE known.search_config = add_lexicon_entries.config AND known.lexeme = added.lexeme) $$`);
  await queryRunner.query(`
    CREATE OR REPLACE FUNCTION "knowledge"."add_title_words"(titles text[]) RETURNS void
    LANGUAGE sql
    AS $$ ${lock}
      INSERT INTO knowledge.title_word (word)
      SELECT added.word FROM (
        SELECT DISTINCT w.word
        FROM unnest(titles) AS t(title), unnest(tsvector_to_array(to_tsvector('simple', t.title))) AS w(word)
        WHERE length(w.word) >= 3 AND w.word !~ '[0-9]') added
      WHERE NOT EXISTS (SELECT 1 FROM knowledge.title_word known WHERE known.word = added.word) $$`);
  await queryRunner.query(addSearchFormsFunction(lock, (form) => form));
  await queryRunner.query(`
    CREATE OR REPLACE FUNCTION "knowledge"."record_compound_splits"(lexemes text[]) RETURNS void
    LANGUAGE plpgsql
    AS $$
    DECLARE
      fresh text[];
    BEGIN
      ${plpgsqlLock}
      SELECT array_agg(w) INTO fresh FROM (
        SELECT DISTINCT w FROM unnest(lexemes) AS w
        WHERE length(w) BETWEEN ${MIN_COMPOUND_LENGTH} AND ${MAX_COMPOUND_LENGTH} AND w ~ '^[a-z]+$'
          AND NOT EXISTS (SELECT 1 FROM knowledge.compound_split c WHERE c.lexeme = w)
        LIMIT ${MAX_SPLIT_PER_FIELD}) candidates;
      IF fresh IS NULL THEN
        RETURN;
      END IF;
      INSERT INTO knowledge.compound_split (lexeme, parts)
      SELECT f.w, s.parts FROM unnest(fresh) AS f(w)
        LEFT JOIN knowledge.split_compounds(fresh) s ON s.lexeme = f.w;
    END $$`);
}

/**
 * Returns SQL that defines `knowledge.add_search_forms`, which stores the lexemes the
 * configuration makes of each word. `lock` is its first statement; `spelled` turns the SQL of a
 * word into the text that the configuration parses.
 */
export function addSearchFormsFunction(lock: string, spelled: (form: string) => string): string {
  return `
    CREATE OR REPLACE FUNCTION "knowledge"."add_search_forms"(config regconfig, words text[]) RETURNS void
    LANGUAGE sql
    AS $$ ${lock}
      INSERT INTO knowledge.search_form (search_config, lexeme, form)
      SELECT add_search_forms.config, l.lexeme, w.form
      FROM (SELECT DISTINCT form FROM unnest(words) AS u(form)) w
        CROSS JOIN LATERAL unnest(tsvector_to_array(to_tsvector(add_search_forms.config, ${spelled('w.form')}))) AS l(lexeme)
      WHERE NOT EXISTS (
        SELECT 1 FROM knowledge.search_form known
        WHERE known.search_config = add_search_forms.config AND known.lexeme = l.lexeme
          AND known.form = w.form) $$`;
}

/** Creates `word_source_change` and the triggers that fill it, like those of the word tables. */
async function createChangeLog(queryRunner: QueryRunner): Promise<void> {
  // No key, so concurrent saves never wait on each other's rows.
  await queryRunner.query(`
    CREATE TABLE "knowledge"."word_source_change" ("article_id" uuid NOT NULL)`);
  await queryRunner.query(`
    CREATE FUNCTION "knowledge"."word_change_after_insert"() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
    BEGIN
      PERFORM pg_advisory_xact_lock_shared(${WORD_TABLE_WRITE_LOCK});
      INSERT INTO knowledge.word_source_change (article_id) SELECT n.id FROM new_articles n;
      RETURN NULL;
    END $$`);
  await queryRunner.query(`
    CREATE FUNCTION "knowledge"."word_change_after_update"() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
    BEGIN
      PERFORM pg_advisory_xact_lock_shared(${WORD_TABLE_WRITE_LOCK});
      INSERT INTO knowledge.word_source_change (article_id) VALUES (NEW.id);
      RETURN NULL;
    END $$`);
  await queryRunner.query(`
    CREATE TRIGGER "trg_article_word_change_insert" AFTER INSERT ON "knowledge"."article"
    REFERENCING NEW TABLE AS new_articles FOR EACH STATEMENT
    EXECUTE FUNCTION "knowledge"."word_change_after_insert"()`);
  await queryRunner.query(`
    CREATE TRIGGER "trg_article_word_change_update" AFTER UPDATE ON "knowledge"."article"
    FOR EACH ROW WHEN (OLD."search_vector" IS DISTINCT FROM NEW."search_vector"
      OR OLD."title" IS DISTINCT FROM NEW."title")
    EXECUTE FUNCTION "knowledge"."word_change_after_update"()`);
}
