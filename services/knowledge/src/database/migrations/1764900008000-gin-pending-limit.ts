import { MigrationInterface, QueryRunner } from 'typeorm';

/** Kept in step with `SEARCH_BUCKET_COUNT`, which the search statements read. */
const BUCKET_COUNT = 8;
const INDEX_PREFIXES = [
  'ix_article_search_vector_b',
  'ix_article_title_vector_b',
  'ix_article_title_trgm_b',
];
/** Kilobytes of new entries a GIN index collects before it merges them into its tree. */
const PENDING_LIST_KILOBYTES = 64;

/**
 * Bounds the pending list of the search indexes. GIN collects new entries in an unsorted list
 * that every search reads in full until VACUUM or the list limit (4 MB by default) merges it.
 * After 100,000 articles were inserted, a search statement took 18 ms of Postgres CPU instead of
 * 2 ms; a knowledge base with few edits may go long without VACUUM. At 64 kB the inserting
 * statement merges the list often while bulk imports still write in batches.
 */
export class GinPendingLimit1764900008000 implements MigrationInterface {
  name = 'GinPendingLimit1764900008000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const index of indexNames()) {
      await queryRunner.query(
        `ALTER INDEX "knowledge"."${index}" SET (gin_pending_list_limit = ${PENDING_LIST_KILOBYTES})`,
      );
      await queryRunner.query(`SELECT gin_clean_pending_list('knowledge."${index}"'::regclass)`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of indexNames()) {
      await queryRunner.query(`ALTER INDEX "knowledge"."${index}" RESET (gin_pending_list_limit)`);
    }
  }
}

function indexNames(): string[] {
  return INDEX_PREFIXES.flatMap((prefix) =>
    Array.from({ length: BUCKET_COUNT }, (_, bucket) => `${prefix}${bucket}`),
  );
}
