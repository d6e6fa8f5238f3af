import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Adds `knowledge.search_lexicon`, every lexeme that an article's text has had, per text search
 * configuration. Searches turn the word being typed into the known lexemes it starts, because
 * Postgres reads the whole posting list of every word that a prefix term (`'zert':*`) matches,
 * which took 5 to 35 ms in queries of two or three common words.
 *
 * Triggers add the lexemes of new and changed articles in the same transaction. Saves never
 * remove lexemes, and one that no article has any more expands to nothing until
 * `WordTablesRefresher` removes it. The table has no
 * unique key, so concurrent writers never wait on each other's new lexemes; a rare duplicate
 * row is harmless because searches read distinct lexemes.
 */
export class SearchLexicon1764900007000 implements MigrationInterface {
  name = 'SearchLexicon1764900007000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "knowledge"."search_lexicon" (
        "search_config" regconfig NOT NULL,
        "lexeme" text COLLATE "C" NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_search_lexicon" ON "knowledge"."search_lexicon" ("search_config", "lexeme")`,
    );
    await queryRunner.query(`
      INSERT INTO "knowledge"."search_lexicon" ("search_config", "lexeme")
      SELECT DISTINCT "search_config", unnest(tsvector_to_array("search_vector")) FROM "knowledge"."article"`);
    await queryRunner.query(`
      CREATE FUNCTION "knowledge"."add_lexicon_entries"(config regconfig, lexemes text[]) RETURNS void
      LANGUAGE sql
      AS $$ INSERT INTO knowledge.search_lexicon (search_config, lexeme)
        SELECT DISTINCT add_lexicon_entries.config, added.lexeme FROM unnest(lexemes) AS added(lexeme)
        WHERE NOT EXISTS (
          SELECT 1 FROM knowledge.search_lexicon known
          WHERE known.search_config = add_lexicon_entries.config AND known.lexeme = added.lexeme) $$`);
    // Inserts run once per statement, so importing many articles reads their lexemes together.
    await queryRunner.query(`
      CREATE FUNCTION "knowledge"."lexicon_after_insert"() RETURNS trigger
      LANGUAGE plpgsql
      AS $$
      BEGIN
        PERFORM knowledge.add_lexicon_entries(n.search_config, array_agg(DISTINCT l.lexeme))
        FROM new_articles n, unnest(tsvector_to_array(n.search_vector)) AS l(lexeme)
        GROUP BY n.search_config;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION "knowledge"."lexicon_after_update"() RETURNS trigger
      LANGUAGE plpgsql
      AS $$
      BEGIN
        PERFORM knowledge.add_lexicon_entries(NEW.search_config, tsvector_to_array(NEW.search_vector));
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "trg_article_lexicon_insert" AFTER INSERT ON "knowledge"."article"
      REFERENCING NEW TABLE AS new_articles FOR EACH STATEMENT
      EXECUTE FUNCTION "knowledge"."lexicon_after_insert"()`);
    // Row by row, because only a changed text has new lexemes and view counts change often.
    await queryRunner.query(`
      CREATE TRIGGER "trg_article_lexicon_update" AFTER UPDATE ON "knowledge"."article"
      FOR EACH ROW WHEN (OLD."search_vector" IS DISTINCT FROM NEW."search_vector")
      EXECUTE FUNCTION "knowledge"."lexicon_after_update"()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "trg_article_lexicon_update" ON "knowledge"."article"`);
    await queryRunner.query(`DROP TRIGGER "trg_article_lexicon_insert" ON "knowledge"."article"`);
    await queryRunner.query(`DROP FUNCTION "knowledge"."lexicon_after_update"()`);
    await queryRunner.query(`DROP FUNCTION "knowledge"."lexicon_after_insert"()`);
    await queryRunner.query(`DROP FUNCTION "knowledge"."add_lexicon_entries"(regconfig, text[])`);
    await queryRunner.query(`DROP TABLE "knowledge"."search_lexicon"`);
  }
}
