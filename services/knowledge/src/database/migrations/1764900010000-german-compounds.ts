import { MigrationInterface, QueryRunner } from 'typeorm';
import { GERMAN_DESK_WORDS } from './german-desk-words';
import { rebuildSearchLexicon, recomputeSearchVectors } from './search-recompute';
import { createCompoundSplitter, dropCompoundSplitter } from './compound-splitter-sql';

/**
 * Lets German compounds match their parts. `knowledge.split_compounds` splits a long lexeme into
 * two or three known lexemes. Known lexemes are those of `knowledge.search_lexicon` for German
 * articles and of `knowledge.compound_vocabulary`, the stems of a shipped list of desk words.
 * German vectors get the parts of each compound at weight D, the weight of body words, and
 * searches rewrite a German compound into "the compound, or all of its parts" with
 * `knowledge.compound_query`. So "Druckerwarteschlange" finds "Warteschlange des Druckers", and
 * "Drucker" finds "Druckerwarteschlange leeren" below articles with "Drucker" in the title.
 *
 * An article is split against the lexemes known when it is saved. A part that only a later
 * article brings splits it at the next run of `WordTablesRefresher`, which rebuilds its vector.
 */
export class GermanCompounds1764900010000 implements MigrationInterface {
  name = 'GermanCompounds1764900010000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "knowledge"."compound_vocabulary" ("lexeme" text COLLATE "C" PRIMARY KEY)`);
    await queryRunner.query(
      `INSERT INTO "knowledge"."compound_vocabulary" ("lexeme")
       SELECT DISTINCT unnest(tsvector_to_array(to_tsvector('knowledge.german_unaccent', $1)))`,
      [GERMAN_DESK_WORDS],
    );
    await createCompoundSplitter(queryRunner);
    await queryRunner.query(this.weightedVector(true));
    await queryRunner.query(this.titleVector(true));
    await recomputeSearchVectors(queryRunner);
    await rebuildSearchLexicon(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(this.weightedVector(false));
    await queryRunner.query(this.titleVector(false));
    await recomputeSearchVectors(queryRunner);
    await rebuildSearchLexicon(queryRunner);
    await dropCompoundSplitter(queryRunner);
    await queryRunner.query(`DROP TABLE "knowledge"."compound_vocabulary"`);
  }

  private weightedVector(withParts: boolean): string {
    const field = fieldVector(withParts);

    return `
      CREATE OR REPLACE FUNCTION "knowledge"."weighted_vector"(config regconfig, title text, keywords text[], summary text, body text)
      RETURNS tsvector LANGUAGE sql STABLE
      AS $$ SELECT ${field('title', 'A')}
        || ${field(`array_to_string(keywords, ' ')`, 'B')}
        || ${field('summary', 'C')}
        || ${field('body', 'D')} $$`;
  }

  private titleVector(withParts: boolean): string {
    const field = fieldVector(withParts);

    return `
      CREATE OR REPLACE FUNCTION "knowledge"."article_title_vector"(config regconfig, title text, keywords text[])
      RETURNS tsvector LANGUAGE sql STABLE
      AS $$ SELECT ${field('title', 'A')}
        || ${field(`array_to_string(keywords, ' ')`, 'B')} $$`;
  }
}

/**
 * Returns SQL for one field's weighted vector, with or without its compound parts. Parts get the
 * lowest weight, D, whatever the field: a part in the title then ranks below the word itself in
 * the title, also when the typed prefix of the word matches the compound too.
 */
function fieldVector(withParts: boolean) {
  return (text: string, weight: string) =>
    withParts
      ? `knowledge.with_compound_parts(config, to_tsvector(config, ${text}), '${weight}', 'D')`
      : `setweight(to_tsvector(config, ${text}), '${weight}')`;
}
