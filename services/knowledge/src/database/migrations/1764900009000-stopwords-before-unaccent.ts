import { MigrationInterface, QueryRunner } from 'typeorm';
import { rebuildSearchLexicon, recomputeSearchVectors } from './search-recompute';

const WORD_TOKENS = 'asciiword, asciihword, hword_asciipart, word, hword, hword_part';

/** Dictionaries of each text search configuration whose stemmer has a stopword list. */
const CONFIGURATIONS = [
  { name: 'german_unaccent', language: 'german', builtinStemmer: 'german_stem' },
  { name: 'english_unaccent', language: 'english', builtinStemmer: 'english_stem' },
];

/**
 * Removes stopwords before accents are folded. The built-in snowball dictionaries check their
 * stopword list on the word they are given, which was already folded, so "ändern" became the
 * stopword "andern" and was dropped, as were "hätte", "müsste" and "wären". Meanwhile the
 * stopwords "für", "über", "können" and "würde" were kept as "fur", "uber", "konnen" and "wurde".
 *
 * Each configuration now chains three dictionaries: a `simple` dictionary with the language's
 * stopword list and `Accept = false`, which drops stopwords and passes every other word on
 * unchanged; `unaccent`, which folds the word and passes it on; and a snowball stemmer without
 * a stopword list. The stemmer still sees the folded word, as before, so stored lexemes keep their
 * form and "Passwort" still matches "Passwörter". German snowball removes ä, ö and ü at its end
 * anyway, so only other accents would stem differently on the original word.
 */
export class StopwordsBeforeUnaccent1764900009000 implements MigrationInterface {
  name = 'StopwordsBeforeUnaccent1764900009000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const config of CONFIGURATIONS) {
      await queryRunner.query(`
        CREATE TEXT SEARCH DICTIONARY "knowledge"."${config.language}_stopwords" (
          TEMPLATE = pg_catalog.simple, StopWords = ${config.language}, Accept = false)`);
      await queryRunner.query(`
        CREATE TEXT SEARCH DICTIONARY "knowledge"."${config.language}_stem" (
          TEMPLATE = pg_catalog.snowball, Language = ${config.language})`);
      await queryRunner.query(
        `ALTER TEXT SEARCH CONFIGURATION "knowledge"."${config.name}"
           ALTER MAPPING FOR ${WORD_TOKENS}
           WITH "knowledge"."${config.language}_stopwords", public.unaccent, "knowledge"."${config.language}_stem"`,
      );
    }
    await recomputeSearchVectors(queryRunner);
    await rebuildSearchLexicon(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const config of CONFIGURATIONS) {
      await queryRunner.query(
        `ALTER TEXT SEARCH CONFIGURATION "knowledge"."${config.name}"
           ALTER MAPPING FOR ${WORD_TOKENS} WITH public.unaccent, ${config.builtinStemmer}`,
      );
      await queryRunner.query(`DROP TEXT SEARCH DICTIONARY "knowledge"."${config.language}_stem"`);
      await queryRunner.query(
        `DROP TEXT SEARCH DICTIONARY "knowledge"."${config.language}_stopwords"`,
      );
    }
    await recomputeSearchVectors(queryRunner);
    await rebuildSearchLexicon(queryRunner);
  }
}
