import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables whose changes alter search results. */
const TABLES = ['article', 'category'];
/** Article columns that search results show or match on; counters such as view_count are not. */
const SEARCHED_COLUMNS = [
  'locale',
  'title',
  'summary',
  'keywords',
  'body_text',
  'category_id',
  'visibility',
  'status',
  'updated_at',
  'search_vector',
  'title_vector',
];

/**
 * Adds `knowledge.search_version`, a counter that every committed change to what searches return
 * raises once per transaction, so a cache of search results knows when to drop its entries.
 * The triggers are deferred to commit: the counter row is then locked only for the moment
 * before the commit, which keeps two writers from waiting on each other while holding it.
 */
export class SearchVersion1764900005000 implements MigrationInterface {
  name = 'SearchVersion1764900005000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "knowledge"."search_version" (
        "singleton" boolean PRIMARY KEY DEFAULT true CHECK ("singleton"),
        "version" bigint NOT NULL
      )`);
    await queryRunner.query(`INSERT INTO "knowledge"."search_version" ("version") VALUES (1)`);
    // The transaction-local setting makes a transaction that changes many rows raise it once.
    await queryRunner.query(`
      CREATE FUNCTION "knowledge"."raise_search_version"() RETURNS trigger
      LANGUAGE plpgsql
      AS $$
      BEGIN
        IF current_setting('knowledge.search_version_raised', true) IS DISTINCT FROM 'on' THEN
          UPDATE knowledge.search_version SET version = version + 1;
          PERFORM set_config('knowledge.search_version_raised', 'on', true);
        END IF;
        RETURN NULL;
      END $$`);
    const changed = SEARCHED_COLUMNS.map(
      (column) => `OLD."${column}" IS DISTINCT FROM NEW."${column}"`,
    ).join(' OR ');
    await this.createTrigger(queryRunner, 'article', 'INSERT OR DELETE', '');
    await this.createTrigger(queryRunner, 'article', 'UPDATE', `WHEN (${changed})`, '_update');
    await this.createTrigger(queryRunner, 'category', 'INSERT OR UPDATE OR DELETE', '');
    // Constraint triggers cannot fire on TRUNCATE, so a statement trigger covers it.
    for (const table of TABLES) {
      await queryRunner.query(`
        CREATE TRIGGER "trg_${table}_search_version_truncate" AFTER TRUNCATE ON "knowledge"."${table}"
        FOR EACH STATEMENT EXECUTE FUNCTION "knowledge"."raise_search_version"()`);
    }
  }

  private async createTrigger(
    queryRunner: QueryRunner,
    table: string,
    events: string,
    condition: string,
    suffix = '',
  ): Promise<void> {
    await queryRunner.query(`
      CREATE CONSTRAINT TRIGGER "trg_${table}_search_version${suffix}"
      AFTER ${events} ON "knowledge"."${table}"
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW ${condition}
      EXECUTE FUNCTION "knowledge"."raise_search_version"()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(
        `DROP TRIGGER "trg_${table}_search_version_truncate" ON "knowledge"."${table}"`,
      );
    }
    await queryRunner.query(`DROP TRIGGER "trg_category_search_version" ON "knowledge"."category"`);
    await queryRunner.query(
      `DROP TRIGGER "trg_article_search_version_update" ON "knowledge"."article"`,
    );
    await queryRunner.query(`DROP TRIGGER "trg_article_search_version" ON "knowledge"."article"`);
    await queryRunner.query(`DROP FUNCTION "knowledge"."raise_search_version"()`);
    await queryRunner.query(`DROP TABLE "knowledge"."search_version"`);
  }
}
