import { MigrationInterface, QueryRunner } from 'typeorm';

/** Body characters that snippets are taken from; kept in step with `SNIPPET_SOURCE_LENGTH`. */
const SNIPPET_SOURCE_LENGTH = 10_000;

/** The highlighted text of an article: its title and the start of its body. */
const highlightedText = (row: string) =>
  `${row}.title || ' ' || left(${row}.body_text, ${SNIPPET_SOURCE_LENGTH})`;

/**
 * Adds `knowledge.search_form`, the lower-case words of the articles' titles and bodies with the
 * lexemes the article's text search configuration makes of them, so the service highlights
 * snippets itself instead of calling ts_headline.
 *
 * ts_headline parses the whole text it is given for every hit: about 50 µs for a body of 770
 * characters, so 0.7 of the 1.9 ms that a search for "Drucker" with ten hits took at 100,000
 * articles. A search now returns the words whose lexemes its query has, and the service marks
 * those words.
 *
 * Only words made of letters and digits are kept, as the service splits text at anything else.
 * As in `search_lexicon`, saves never remove rows and the table has no unique key.
 */
export class SearchForms1764900013000 implements MigrationInterface {
  name = 'SearchForms1764900013000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "knowledge"."search_form" (
        "search_config" regconfig NOT NULL,
        "lexeme" text COLLATE "C" NOT NULL,
        "form" text NOT NULL
      )`);
    // The parser reads "<script>" as a tag and skips what follows, so angle brackets are blanked.
    await queryRunner.query(`
      CREATE FUNCTION "knowledge"."distinct_words"(body text) RETURNS SETOF text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT DISTINCT lower(p.token) FROM ts_parse('default', translate(body, '<>', '  ')) p
        WHERE p.token ~ '^[[:alnum:]]+$' $$`);
    // Each distinct word is looked up once, however many articles have it.
    await queryRunner.query(`
      CREATE FUNCTION "knowledge"."add_search_forms"(config regconfig, words text[]) RETURNS void
      LANGUAGE sql
      AS $$ INSERT INTO knowledge.search_form (search_config, lexeme, form)
        SELECT add_search_forms.config, l.lexeme, w.form
        FROM (SELECT DISTINCT form FROM unnest(words) AS u(form)) w
          CROSS JOIN LATERAL unnest(tsvector_to_array(to_tsvector(add_search_forms.config, w.form))) AS l(lexeme)
        WHERE NOT EXISTS (
          SELECT 1 FROM knowledge.search_form known
          WHERE known.search_config = add_search_forms.config AND known.lexeme = l.lexeme
            AND known.form = w.form) $$`);
    await queryRunner.query(
      `CREATE INDEX "ix_search_form" ON "knowledge"."search_form" ("search_config", "lexeme", "form")`,
    );
    await addEverySearchForm(queryRunner);
    await queryRunner.query(`
      CREATE FUNCTION "knowledge"."search_forms_after_insert"() RETURNS trigger
      LANGUAGE plpgsql
      AS $$
      BEGIN
        PERFORM knowledge.add_search_forms(n.search_config, array_agg(w.word))
        FROM new_articles n, knowledge.distinct_words(${highlightedText('n')}) AS w(word)
        GROUP BY n.search_config;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION "knowledge"."search_forms_after_update"() RETURNS trigger
      LANGUAGE plpgsql
      AS $$
      BEGIN
        PERFORM knowledge.add_search_forms(NEW.search_config,
          ARRAY(SELECT knowledge.distinct_words(${highlightedText('NEW')})));
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "trg_article_search_forms_insert" AFTER INSERT ON "knowledge"."article"
      REFERENCING NEW TABLE AS new_articles FOR EACH STATEMENT
      EXECUTE FUNCTION "knowledge"."search_forms_after_insert"()`);
    await queryRunner.query(`
      CREATE TRIGGER "trg_article_search_forms_update" AFTER UPDATE ON "knowledge"."article"
      FOR EACH ROW WHEN (OLD."search_vector" IS DISTINCT FROM NEW."search_vector")
      EXECUTE FUNCTION "knowledge"."search_forms_after_update"()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP TRIGGER "trg_article_search_forms_update" ON "knowledge"."article"`,
    );
    await queryRunner.query(
      `DROP TRIGGER "trg_article_search_forms_insert" ON "knowledge"."article"`,
    );
    await queryRunner.query(`DROP FUNCTION "knowledge"."search_forms_after_update"()`);
    await queryRunner.query(`DROP FUNCTION "knowledge"."search_forms_after_insert"()`);
    await queryRunner.query(`DROP FUNCTION "knowledge"."add_search_forms"(regconfig, text[])`);
    await queryRunner.query(`DROP FUNCTION "knowledge"."distinct_words"(text)`);
    await queryRunner.query(`DROP TABLE "knowledge"."search_form"`);
  }
}

/**
 * Adds the word forms of the highlighted text of every article, or of those that meet the SQL
 * `condition` on the article `a`, to `knowledge.search_form`.
 */
export async function addEverySearchForm(
  queryRunner: QueryRunner,
  condition = 'true',
): Promise<void> {
  await queryRunner.query(`
    SELECT knowledge.add_search_forms(words.search_config, array_agg(words.word))
    FROM (
      SELECT DISTINCT a.search_config, w.word
      FROM knowledge.article a, knowledge.distinct_words(${highlightedText('a')}) AS w(word)
      WHERE ${condition}
    ) words
    GROUP BY words.search_config`);
}
