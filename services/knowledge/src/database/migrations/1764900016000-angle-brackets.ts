import { MigrationInterface, QueryRunner } from 'typeorm';
import { recomputeSearchVectors } from './search-recompute';

/**
 * Indexes the words next to angle brackets. The text search parser reads "<script>" as an HTML
 * tag and skips everything after it up to "</script>", and drops "<user>" as a tag, so such
 * text in a title or body could not be found. The vector functions now blank `<` and `>` first,
 * as searches and snippets do.
 */
export class AngleBrackets1764900016000 implements MigrationInterface {
  name = 'AngleBrackets1764900016000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await replaceVectorFunctions(queryRunner, (text) => `translate(${text}, '<>', '  ')`);
    await recomputeSearchVectors(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await replaceVectorFunctions(queryRunner, (text) => text);
    await recomputeSearchVectors(queryRunner);
  }
}

/**
 * Replaces the functions that build an article's vectors; `prepared` turns the SQL of a field's
 * text into the text that the configuration `config` parses.
 */
export async function replaceVectorFunctions(
  queryRunner: QueryRunner,
  prepared: (text: string) => string,
): Promise<void> {
  const field = (text: string, weight: string) =>
    `knowledge.with_compound_parts(config, to_tsvector(config, ${prepared(text)}), '${weight}', 'D')`;

  await queryRunner.query(`
    CREATE OR REPLACE FUNCTION "knowledge"."weighted_vector"(config regconfig, title text, keywords text[], summary text, body text)
    RETURNS tsvector LANGUAGE sql STABLE
    AS $$ SELECT ${field('title', 'A')}
      || ${field(`array_to_string(keywords, ' ')`, 'B')}
      || ${field('summary', 'C')}
      || ${field('body', 'D')} $$`);
  await queryRunner.query(`
    CREATE OR REPLACE FUNCTION "knowledge"."article_title_vector"(config regconfig, title text, keywords text[])
    RETURNS tsvector LANGUAGE sql STABLE
    AS $$ SELECT ${field('title', 'A')}
      || ${field(`array_to_string(keywords, ' ')`, 'B')} $$`);
}
