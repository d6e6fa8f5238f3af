import { MigrationInterface, QueryRunner } from 'typeorm';
import { addEverySearchForm } from './1764900013000-search-forms';
import {
  addSearchFormsFunction,
  WORD_TABLE_WRITE_LOCK,
} from './1764900014000-word-table-maintenance';
import { replaceVectorFunctions } from './1764900016000-angle-brackets';
import { GERMAN_DESK_WORDS } from './german-desk-words';
import { rebuildSearchLexicon, recomputeSearchVectors } from './search-recompute';

const GERMAN = `'knowledge.german_unaccent'::regconfig`;

/**
 * Reads "ae", "oe" and "ue" in German text as the umlauts they spell out, in articles and in
 * queries alike, so "Groesse" finds "Größe" and "Menü" finds "Menue". The stemmer saw "Groesse"
 * as a word of its own: it kept "groess", while "Größe" became "gross".
 *
 * `knowledge.search_spelling(config, text)` rewrites the pairs before the configuration parses
 * the text, for the German configuration only. It leaves "ue" after q ("Queue", "Quelle"), and
 * after a and e, where the u belongs to "au" or "eu": read as an umlaut, "bauen" would stem to
 * "baun" and no longer match "Bau", and "neuen" would become "neun". Other words with such a
 * pair ("aktuell", "Michael") get a form that no German word has, the same in articles and
 * queries, so they still find each other.
 */
export class SpelledOutUmlauts1764900017000 implements MigrationInterface {
  name = 'SpelledOutUmlauts1764900017000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION "knowledge"."search_spelling"(config regconfig, value text) RETURNS text
      LANGUAGE sql STABLE PARALLEL SAFE
      AS $$ SELECT CASE WHEN config = ${GERMAN}
        THEN regexp_replace(regexp_replace(regexp_replace(value,
          'ae', 'ä', 'gi'), 'oe', 'ö', 'gi'), '(?<![qae])ue', 'ü', 'gi')
        ELSE value END $$`);
    await rebuildWordTables(
      queryRunner,
      (config, text) => `knowledge.search_spelling(${config}, ${text})`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await rebuildWordTables(queryRunner, (_config, text) => text);
    await queryRunner.query(`DROP FUNCTION "knowledge"."search_spelling"(regconfig, text)`);
  }
}

/**
 * Rebuilds everything made from the German stems with `spelled`, which turns the SQL of a text
 * and its configuration into the text that the configuration parses.
 */
async function rebuildWordTables(
  queryRunner: QueryRunner,
  spelled: (config: string, text: string) => string,
): Promise<void> {
  await queryRunner.query(`DELETE FROM "knowledge"."compound_vocabulary"`);
  await queryRunner.query(
    `INSERT INTO "knowledge"."compound_vocabulary" ("lexeme")
     SELECT DISTINCT unnest(tsvector_to_array(to_tsvector(${GERMAN}, ${spelled(GERMAN, '$1')})))`,
    [GERMAN_DESK_WORDS],
  );
  await replaceVectorFunctions(queryRunner, (text) =>
    spelled('config', `translate(${text}, '<>', '  ')`),
  );
  await queryRunner.query(
    addSearchFormsFunction(
      `SELECT pg_advisory_xact_lock_shared(${WORD_TABLE_WRITE_LOCK});`,
      (form) => spelled('add_search_forms.config', form),
    ),
  );
  // Only the vectors of German articles with such a pair change.
  await recomputeSearchVectors(
    queryRunner,
    `"search_config" = ${GERMAN} AND concat_ws(' ', "title", array_to_string("keywords", ' '), "summary", "body_text") ~* '(ae|oe|ue)'`,
  );
  await rebuildSearchLexicon(queryRunner);
  // Saves never remove forms, so the lexemes that German words no longer have are dropped here.
  await queryRunner.query(
    `DELETE FROM "knowledge"."search_form" WHERE "search_config" = ${GERMAN}`,
  );
  await addEverySearchForm(queryRunner, `a.search_config = ${GERMAN}`);
}
