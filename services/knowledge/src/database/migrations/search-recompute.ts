import { QueryRunner } from 'typeorm';

/**
 * Recomputes `search_vector` and `title_vector` of every article after a change to how they are
 * built. Setting the title to itself fires the trigger that builds both.
 */
export async function recomputeSearchVectors(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`UPDATE "knowledge"."article" SET "title" = "title"`);
}

/**
 * Rebuilds `knowledge.search_lexicon` from the stored vectors, so lexemes that the text search
 * configurations no longer produce stop expanding typed prefixes and splitting compounds.
 */
export async function rebuildSearchLexicon(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`DELETE FROM "knowledge"."search_lexicon"`);
  await queryRunner.query(`
    INSERT INTO "knowledge"."search_lexicon" ("search_config", "lexeme")
    SELECT DISTINCT "search_config", unnest(tsvector_to_array("search_vector")) FROM "knowledge"."article"`);
}
