import { QueryRunner } from 'typeorm';

/**
 * Recomputes `search_vector` and `title_vector` of every article after a change to how they are
 * built, or of those that meet the SQL `condition`. Setting the title to itself fires the trigger
 * that builds both.
 *
 * The update adds a second entry for every article to each GIN index, and the indexes stay
 * fragmented after VACUUM: at 100,000 articles a search for "Artikel 6227", whose first word is
 * in every title, took 20 ms afterwards and 1.2 ms once the indexes were rebuilt, and the mean of
 * the benchmark's 1,000 queries went from 3.0 to 1.4 ms. So the indexes are rebuilt right away,
 * which blocks writes to articles for a few seconds (8 s at 100,000 articles).
 */
export async function recomputeSearchVectors(
  queryRunner: QueryRunner,
  condition = 'true',
): Promise<void> {
  await queryRunner.query(`UPDATE "knowledge"."article" SET "title" = "title" WHERE ${condition}`);
  await queryRunner.query(`REINDEX TABLE "knowledge"."article"`);
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
