import { MigrationInterface, QueryRunner } from 'typeorm';

const WORD_TOKENS = 'asciiword, asciihword, hword_asciipart, word, hword, hword_part';

/** Stemmer dictionary behind each text search configuration the articles use. */
const CONFIGURATIONS = [
  { name: 'german_unaccent', copy: 'pg_catalog.german', stemmer: 'german_stem' },
  { name: 'english_unaccent', copy: 'pg_catalog.english', stemmer: 'english_stem' },
  { name: 'simple_unaccent', copy: 'pg_catalog.simple', stemmer: 'simple' },
];

/**
 * Full-text and trigram search over articles. Each locale gets a text search configuration
 * that strips accents before stemming, so "zurucksetzen" and "Strasse" match "zurücksetzen" and
 * "Straße". The extensions go to `public` because they are database-wide and other schemas
 * may use them too; `down()` therefore keeps them.
 */
export class ArticleSearch1764900001000 implements MigrationInterface {
  name = 'ArticleSearch1764900001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS "unaccent" SCHEMA public`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS "pg_trgm" SCHEMA public`);
    for (const config of CONFIGURATIONS) {
      await queryRunner.query(
        `CREATE TEXT SEARCH CONFIGURATION "knowledge"."${config.name}" (COPY = ${config.copy})`,
      );
      await queryRunner.query(
        `ALTER TEXT SEARCH CONFIGURATION "knowledge"."${config.name}"
           ALTER MAPPING FOR ${WORD_TOKENS} WITH public.unaccent, ${config.stemmer}`,
      );
    }
    await this.createFunctions(queryRunner);
    await queryRunner.query(`
      ALTER TABLE "knowledge"."article"
        ADD COLUMN "search_config" regconfig NOT NULL DEFAULT 'knowledge.simple_unaccent',
        ADD COLUMN "search_vector" tsvector NOT NULL DEFAULT ''::tsvector`);
    await queryRunner.query(`
      CREATE TRIGGER "trg_article_search" BEFORE INSERT OR UPDATE OF "locale", "title", "keywords", "summary", "body_text"
      ON "knowledge"."article" FOR EACH ROW EXECUTE FUNCTION "knowledge"."article_search_trigger"()`);
    await queryRunner.query(`UPDATE "knowledge"."article" SET "title" = "title"`);
    await queryRunner.query(
      `CREATE INDEX "ix_article_search_vector" ON "knowledge"."article" USING gin ("search_vector")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_article_title_trgm" ON "knowledge"."article"
         USING gin ("knowledge"."fold_text"("title") public.gin_trgm_ops)`,
    );
  }

  private async createFunctions(queryRunner: QueryRunner): Promise<void> {
    // The two-argument unaccent names its dictionary, which makes the result immutable and
    // therefore usable in an index expression.
    await queryRunner.query(`
      CREATE FUNCTION "knowledge"."fold_text"(value text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$`);
    await queryRunner.query(`
      CREATE FUNCTION "knowledge"."search_config_for"(locale text) RETURNS regconfig
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT CASE lower(split_part(split_part(locale, '-', 1), '_', 1))
        WHEN 'de' THEN 'knowledge.german_unaccent'::regconfig
        WHEN 'en' THEN 'knowledge.english_unaccent'::regconfig
        ELSE 'knowledge.simple_unaccent'::regconfig END $$`);
    await queryRunner.query(`
      CREATE FUNCTION "knowledge"."weighted_vector"(config regconfig, title text, keywords text[], summary text, body text)
      RETURNS tsvector LANGUAGE sql STABLE
      AS $$ SELECT setweight(to_tsvector(config, title), 'A')
        || setweight(to_tsvector(config, array_to_string(keywords, ' ')), 'B')
        || setweight(to_tsvector(config, summary), 'C')
        || setweight(to_tsvector(config, body), 'D') $$`);
    // PostgreSQL rejects a tsvector whose lexemes exceed 1 MB (program_limit_exceeded). The
    // article still saves, indexed on the start of its body: 200,000 characters are at most
    // 800 KB of UTF-8, which leaves room for the title, keywords and summary.
    await queryRunner.query(`
      CREATE FUNCTION "knowledge"."article_search_vector"(config regconfig, title text, keywords text[], summary text, body text)
      RETURNS tsvector LANGUAGE plpgsql STABLE
      AS $$
      BEGIN
        RETURN knowledge.weighted_vector(config, title, keywords, summary, body);
      EXCEPTION WHEN program_limit_exceeded THEN
        RETURN knowledge.weighted_vector(config, title, keywords, summary, left(body, 200000));
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION "knowledge"."article_search_trigger"() RETURNS trigger
      LANGUAGE plpgsql
      AS $$
      BEGIN
        NEW.search_config := knowledge.search_config_for(NEW.locale);
        NEW.search_vector := knowledge.article_search_vector(
          NEW.search_config, NEW.title, NEW.keywords, NEW.summary, NEW.body_text);
        RETURN NEW;
      END $$`);
    // A function-level SET gives the trigram operator a lower threshold than the 0.6 default
    // (pg_trgm 1.6) while it still uses the index: "pasword" scores 0.5 against "passwort".
    await queryRunner.query(`
      CREATE FUNCTION "knowledge"."similar_title_ids"(query text) RETURNS SETOF uuid
      LANGUAGE sql STABLE
      SET pg_trgm.word_similarity_threshold = 0.45
      AS $$ SELECT id FROM knowledge.article
        WHERE query OPERATOR(public.<%) knowledge.fold_text(title) $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "trg_article_search" ON "knowledge"."article"`);
    await queryRunner.query(`DROP INDEX "knowledge"."ix_article_title_trgm"`);
    await queryRunner.query(`DROP INDEX "knowledge"."ix_article_search_vector"`);
    await queryRunner.query(
      `ALTER TABLE "knowledge"."article" DROP COLUMN "search_vector", DROP COLUMN "search_config"`,
    );
    await queryRunner.query(`DROP FUNCTION "knowledge"."similar_title_ids"(text)`);
    await queryRunner.query(`DROP FUNCTION "knowledge"."article_search_trigger"()`);
    await queryRunner.query(
      `DROP FUNCTION "knowledge"."article_search_vector"(regconfig, text, text[], text, text)`,
    );
    await queryRunner.query(
      `DROP FUNCTION "knowledge"."weighted_vector"(regconfig, text, text[], text, text)`,
    );
    await queryRunner.query(`DROP FUNCTION "knowledge"."search_config_for"(text)`);
    await queryRunner.query(`DROP FUNCTION "knowledge"."fold_text"(text)`);
    for (const config of [...CONFIGURATIONS].reverse()) {
      await queryRunner.query(`DROP TEXT SEARCH CONFIGURATION "knowledge"."${config.name}"`);
    }
  }
}
