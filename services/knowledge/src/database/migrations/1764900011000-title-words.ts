import { MigrationInterface, QueryRunner } from 'typeorm';

/** Kept in step with `SEARCH_BUCKET_COUNT`, which the search statements read. */
const BUCKET_COUNT = 8;

/** The distinct title words of a set of titles: lower case, three letters or more, no digits. */
const TITLE_WORDS = (titles: string) => `
  SELECT DISTINCT w.word
  FROM ${titles}, unnest(tsvector_to_array(to_tsvector('simple', t.title))) AS w(word)
  WHERE length(w.word) >= 3 AND w.word !~ '[0-9]'`;

/**
 * Adds `knowledge.title_word`, every word that an article title has had. A search that finds
 * nothing looks up the title words similar to each query word by trigrams and searches for them
 * too, which tolerates typos and finds the parts of compound words.
 *
 * Before, that search compared the query with every title through trigram indexes on the article
 * table. A short query shares trigrams with thousands of titles, so it cost 10 to 30 ms at
 * 100,000 articles (bench/knowledge/RESULTS.md), while the words of those titles are a few
 * thousand at most. The title trigram indexes are dropped, as nothing reads them any more.
 *
 * As in `search_lexicon`, saves never remove words and the table has no unique key: a word no
 * title has any more only adds a term that matches nothing until `WordTablesRefresher` removes
 * it, and searches read distinct words.
 */
export class TitleWords1764900011000 implements MigrationInterface {
  name = 'TitleWords1764900011000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The folded form is stored, so comparing candidates does not fold each of them again.
    await queryRunner.query(`
      CREATE TABLE "knowledge"."title_word" (
        "word" text NOT NULL,
        "folded" text NOT NULL GENERATED ALWAYS AS ("knowledge"."fold_text"("word")) STORED
      )`);
    await queryRunner.query(
      `INSERT INTO "knowledge"."title_word" ("word") ${TITLE_WORDS('knowledge.article t')}`,
    );
    await queryRunner.query(`CREATE INDEX "ix_title_word" ON "knowledge"."title_word" ("word")`);
    await queryRunner.query(
      `CREATE INDEX "ix_title_word_trgm" ON "knowledge"."title_word"
         USING gin ("folded" public.gin_trgm_ops) WITH (gin_pending_list_limit = 64)`,
    );
    await queryRunner.query(`
      CREATE FUNCTION "knowledge"."add_title_words"(titles text[]) RETURNS void
      LANGUAGE sql
      AS $$ INSERT INTO knowledge.title_word (word)
        SELECT added.word FROM (${TITLE_WORDS('unnest(titles) AS t(title)')}) added
        WHERE NOT EXISTS (SELECT 1 FROM knowledge.title_word known WHERE known.word = added.word) $$`);
    await queryRunner.query(`
      CREATE FUNCTION "knowledge"."title_words_after_insert"() RETURNS trigger
      LANGUAGE plpgsql
      AS $$
      BEGIN
        PERFORM knowledge.add_title_words(array_agg(n.title)) FROM new_articles n;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION "knowledge"."title_words_after_update"() RETURNS trigger
      LANGUAGE plpgsql
      AS $$
      BEGIN
        PERFORM knowledge.add_title_words(ARRAY[NEW.title]);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "trg_article_title_words_insert" AFTER INSERT ON "knowledge"."article"
      REFERENCING NEW TABLE AS new_articles FOR EACH STATEMENT
      EXECUTE FUNCTION "knowledge"."title_words_after_insert"()`);
    await queryRunner.query(`
      CREATE TRIGGER "trg_article_title_words_update" AFTER UPDATE ON "knowledge"."article"
      FOR EACH ROW WHEN (OLD."title" IS DISTINCT FROM NEW."title")
      EXECUTE FUNCTION "knowledge"."title_words_after_update"()`);
    for (let bucket = 0; bucket < BUCKET_COUNT; bucket += 1) {
      await queryRunner.query(`DROP INDEX "knowledge"."ix_article_title_trgm_b${bucket}"`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (let bucket = 0; bucket < BUCKET_COUNT; bucket += 1) {
      await queryRunner.query(
        `CREATE INDEX "ix_article_title_trgm_b${bucket}" ON "knowledge"."article"
           USING gin ("knowledge"."fold_text"("title") public.gin_trgm_ops)
           WITH (gin_pending_list_limit = 64) WHERE "search_bucket" = ${bucket}`,
      );
    }
    await queryRunner.query(
      `DROP TRIGGER "trg_article_title_words_update" ON "knowledge"."article"`,
    );
    await queryRunner.query(
      `DROP TRIGGER "trg_article_title_words_insert" ON "knowledge"."article"`,
    );
    await queryRunner.query(`DROP FUNCTION "knowledge"."title_words_after_update"()`);
    await queryRunner.query(`DROP FUNCTION "knowledge"."title_words_after_insert"()`);
    await queryRunner.query(`DROP FUNCTION "knowledge"."add_title_words"(text[])`);
    await queryRunner.query(`DROP TABLE "knowledge"."title_word"`);
  }
}
