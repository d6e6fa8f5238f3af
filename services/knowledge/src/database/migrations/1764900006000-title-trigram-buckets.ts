import { MigrationInterface, QueryRunner } from 'typeorm';

/** Kept in step with `SEARCH_BUCKET_COUNT`, which the search statements read. */
const BUCKET_COUNT = 8;

/**
 * Splits the title trigram index into the search buckets, like the full-text indexes, so a
 * broad search stops comparing titles once it has enough similar ones. A query such as
 * `Artikel 18360` resembles every title of the benchmark corpus and took 2.4 to 3.8 s over the
 * whole index. The similarity threshold moves from `similar_title_ids` to the settings of the
 * search connections (`SEARCH_SESSION_OPTIONS`), because the buckets are read in the search
 * statement itself.
 */
export class TitleTrigramBuckets1764900006000 implements MigrationInterface {
  name = 'TitleTrigramBuckets1764900006000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION "knowledge"."similar_title_ids"(text)`);
    await queryRunner.query(`DROP INDEX "knowledge"."ix_article_title_trgm"`);
    for (let bucket = 0; bucket < BUCKET_COUNT; bucket += 1) {
      await queryRunner.query(
        `CREATE INDEX "ix_article_title_trgm_b${bucket}" ON "knowledge"."article"
           USING gin ("knowledge"."fold_text"("title") public.gin_trgm_ops) WHERE "search_bucket" = ${bucket}`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (let bucket = 0; bucket < BUCKET_COUNT; bucket += 1) {
      await queryRunner.query(`DROP INDEX "knowledge"."ix_article_title_trgm_b${bucket}"`);
    }
    await queryRunner.query(
      `CREATE INDEX "ix_article_title_trgm" ON "knowledge"."article"
         USING gin ("knowledge"."fold_text"("title") public.gin_trgm_ops)`,
    );
    await queryRunner.query(`
      CREATE FUNCTION "knowledge"."similar_title_ids"(query text) RETURNS SETOF uuid
      LANGUAGE sql STABLE
      SET pg_trgm.word_similarity_threshold = 0.45
      AS $$ SELECT id FROM knowledge.article
        WHERE query OPERATOR(public.<%) knowledge.fold_text(title) $$`);
  }
}
