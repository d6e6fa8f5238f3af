import { MigrationInterface, QueryRunner } from 'typeorm';
import {
  MAX_COMPOUND_LENGTH,
  MAX_SPLIT_PER_FIELD,
  MIN_COMPOUND_LENGTH,
  useCompoundSplitter,
} from './compound-splitter-sql';

const GERMAN = `'knowledge.german_unaccent'::regconfig`;

/**
 * Keeps the split of every long German lexeme of the articles in `knowledge.compound_split`,
 * with no parts for a lexeme that does not split. Searches and suggestions split the compounds of
 * each query, which took about 0.4 ms of the 2.5 to 3 ms a German search costs at 100,000
 * articles, and most query words are words of the articles. Now they read the stored splits and
 * split only the other words.
 *
 * A lexeme is split when the first article that has it is saved, so its stored split knows the
 * parts of that time, as the article's own vector does, until `WordTablesRefresher` splits it
 * again. As in `search_lexicon`, saves never remove rows and the table has no unique key, so
 * concurrent writers never wait on each other.
 */
export class CompoundSplits1764900012000 implements MigrationInterface {
  name = 'CompoundSplits1764900012000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "knowledge"."compound_split" (
        "lexeme" text COLLATE "C" NOT NULL,
        "parts" text[]
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_compound_split" ON "knowledge"."compound_split" ("lexeme")`,
    );
    await queryRunner.query(`
      CREATE FUNCTION "knowledge"."record_compound_splits"(lexemes text[]) RETURNS void
      LANGUAGE plpgsql
      AS $$
      DECLARE
        fresh text[];
      BEGIN
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
    // Splitting starts a large query even for no words, so it runs only for unknown ones.
    await queryRunner.query(`
      CREATE FUNCTION "knowledge"."stored_or_split_compounds"(lexemes text[])
      RETURNS TABLE (lexeme text, parts text[])
      LANGUAGE plpgsql STABLE PARALLEL SAFE
      AS $$
      DECLARE
        unknown text[];
      BEGIN
        RETURN QUERY
        SELECT DISTINCT ON (c.lexeme) c.lexeme::text, c.parts FROM knowledge.compound_split c
        WHERE c.lexeme = ANY(lexemes) AND c.parts IS NOT NULL
        ORDER BY c.lexeme;
        SELECT array_agg(w) INTO unknown FROM unnest(lexemes) AS w
        WHERE NOT EXISTS (SELECT 1 FROM knowledge.compound_split c WHERE c.lexeme = w);
        IF unknown IS NOT NULL THEN
          RETURN QUERY SELECT split.lexeme, split.parts FROM knowledge.split_compounds(unknown) split;
        END IF;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION "knowledge"."compound_splits_after_insert"() RETURNS trigger
      LANGUAGE plpgsql
      AS $$
      BEGIN
        PERFORM knowledge.record_compound_splits(array_agg(l.lexeme))
        FROM new_articles n, unnest(tsvector_to_array(n.search_vector)) AS l(lexeme)
        WHERE n.search_config = ${GERMAN};
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION "knowledge"."compound_splits_after_update"() RETURNS trigger
      LANGUAGE plpgsql
      AS $$
      BEGIN
        PERFORM knowledge.record_compound_splits(tsvector_to_array(NEW.search_vector));
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "trg_article_split_insert" AFTER INSERT ON "knowledge"."article"
      REFERENCING NEW TABLE AS new_articles FOR EACH STATEMENT
      EXECUTE FUNCTION "knowledge"."compound_splits_after_insert"()`);
    await queryRunner.query(`
      CREATE TRIGGER "trg_article_split_update" AFTER UPDATE ON "knowledge"."article"
      FOR EACH ROW WHEN (OLD."search_vector" IS DISTINCT FROM NEW."search_vector" AND NEW."search_config" = ${GERMAN})
      EXECUTE FUNCTION "knowledge"."compound_splits_after_update"()`);
    // Records the lexemes of the existing German articles, a bounded batch per call.
    await queryRunner.query(`
      DO $$
      DECLARE
        batch text[];
      BEGIN
        FOR batch IN
          SELECT array_agg(lexeme) FROM (
            SELECT lexeme, (row_number() OVER (ORDER BY lexeme) - 1) / ${MAX_SPLIT_PER_FIELD} AS chunk
            FROM (SELECT DISTINCT lexeme FROM knowledge.search_lexicon WHERE search_config = ${GERMAN}) known
          ) numbered
          GROUP BY chunk
        LOOP
          PERFORM knowledge.record_compound_splits(batch);
        END LOOP;
      END $$`);
    await useCompoundSplitter(queryRunner, 'stored_or_split_compounds');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await useCompoundSplitter(queryRunner, 'split_compounds');
    await queryRunner.query(`DROP TRIGGER "trg_article_split_update" ON "knowledge"."article"`);
    await queryRunner.query(`DROP TRIGGER "trg_article_split_insert" ON "knowledge"."article"`);
    await queryRunner.query(`DROP FUNCTION "knowledge"."compound_splits_after_update"()`);
    await queryRunner.query(`DROP FUNCTION "knowledge"."compound_splits_after_insert"()`);
    await queryRunner.query(`DROP FUNCTION "knowledge"."stored_or_split_compounds"(text[])`);
    await queryRunner.query(`DROP FUNCTION "knowledge"."record_compound_splits"(text[])`);
    await queryRunner.query(`DROP TABLE "knowledge"."compound_split"`);
  }
}
