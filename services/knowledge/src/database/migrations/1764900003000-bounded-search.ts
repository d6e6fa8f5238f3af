import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Supports searches that rank a bounded set of candidates instead of every match:
 *
 * - `title_vector` holds only the title (weight A) and keywords (weight B), so the articles that
 *   rank highest for a common word can be found without reading every article that has the word
 *   somewhere in its body.
 * - `search_term_stat` keeps, per text search configuration, the lexemes that occur in many
 *   published articles, so suggestions can leave out words that match a large share of them.
 *   `knowledge.refresh_term_stats(min_documents)` rebuilds it from `ts_stat`.
 */
export class BoundedSearch1764900003000 implements MigrationInterface {
  name = 'BoundedSearch1764900003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "knowledge"."article" ADD COLUMN "title_vector" tsvector NOT NULL DEFAULT ''::tsvector`);
    await queryRunner.query(`
      CREATE FUNCTION "knowledge"."article_title_vector"(config regconfig, title text, keywords text[])
      RETURNS tsvector LANGUAGE sql STABLE
      AS $$ SELECT setweight(to_tsvector(config, title), 'A')
        || setweight(to_tsvector(config, array_to_string(keywords, ' ')), 'B') $$`);
    await queryRunner.query(this.triggerFunction(true));
    await queryRunner.query(`
      UPDATE "knowledge"."article"
      SET "title_vector" = knowledge.article_title_vector("search_config", "title", "keywords")`);
    await queryRunner.query(
      `CREATE INDEX "ix_article_title_vector" ON "knowledge"."article" USING gin ("title_vector")`,
    );
    await this.createTermStats(queryRunner);
  }

  private async createTermStats(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "knowledge"."search_term_stat" (
        "search_config" regconfig NOT NULL,
        "lexeme" text NOT NULL,
        "document_count" integer NOT NULL,
        CONSTRAINT "pk_search_term_stat" PRIMARY KEY ("search_config", "lexeme")
      )`);
    await queryRunner.query(`
      CREATE TABLE "knowledge"."search_corpus_stat" (
        "search_config" regconfig PRIMARY KEY,
        "article_count" integer NOT NULL,
        "refreshed_at" timestamptz(3) NOT NULL
      )`);
    // The function runs in one transaction, so readers see the old or the new statistics, never a
    // mix. The advisory lock serialises concurrent rebuilds, whose inserts would collide.
    await queryRunner.query(`
      CREATE FUNCTION "knowledge"."refresh_term_stats"(min_documents integer) RETURNS void
      LANGUAGE plpgsql
      AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('knowledge:term-stats'));
        DELETE FROM knowledge.search_term_stat;
        DELETE FROM knowledge.search_corpus_stat;
        INSERT INTO knowledge.search_corpus_stat (search_config, article_count, refreshed_at)
          SELECT search_config, count(*), now() FROM knowledge.article
          WHERE status = 'published' GROUP BY search_config;
        INSERT INTO knowledge.search_term_stat (search_config, lexeme, document_count)
          SELECT c.search_config, s.word, s.ndoc
          FROM knowledge.search_corpus_stat c,
            ts_stat(format('SELECT search_vector FROM knowledge.article WHERE status = %L AND search_config = %L::regconfig',
              'published', c.search_config)) s
          WHERE s.ndoc >= min_documents;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION "knowledge"."refresh_term_stats"(integer)`);
    await queryRunner.query(`DROP TABLE "knowledge"."search_corpus_stat"`);
    await queryRunner.query(`DROP TABLE "knowledge"."search_term_stat"`);
    await queryRunner.query(`DROP INDEX "knowledge"."ix_article_title_vector"`);
    await queryRunner.query(this.triggerFunction(false));
    await queryRunner.query(
      `DROP FUNCTION "knowledge"."article_title_vector"(regconfig, text, text[])`,
    );
    await queryRunner.query(`ALTER TABLE "knowledge"."article" DROP COLUMN "title_vector"`);
  }

  private triggerFunction(withTitleVector: boolean): string {
    const titleVector = withTitleVector
      ? 'NEW.title_vector := knowledge.article_title_vector(NEW.search_config, NEW.title, NEW.keywords);'
      : '';

    return `
      CREATE OR REPLACE FUNCTION "knowledge"."article_search_trigger"() RETURNS trigger
      LANGUAGE plpgsql
      AS $$
      BEGIN
        NEW.search_config := knowledge.search_config_for(NEW.locale);
        NEW.search_vector := knowledge.article_search_vector(
          NEW.search_config, NEW.title, NEW.keywords, NEW.summary, NEW.body_text);
        ${titleVector}
        RETURN NEW;
      END $$`;
  }
}
