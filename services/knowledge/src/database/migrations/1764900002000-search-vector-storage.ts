import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keeps `search_vector` inside the table row. With the default EXTENDED storage, a row over
 * about 2 kB moved the vector to the TOAST table, so ranking each match cost a TOAST index
 * lookup. With MAIN storage the body columns move out first, and the vector is moved only when
 * the row is still too large.
 */
export class SearchVectorStorage1764900002000 implements MigrationInterface {
  name = 'SearchVectorStorage1764900002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "knowledge"."article" ALTER COLUMN "search_vector" SET STORAGE MAIN`,
    );
    // Rewrites stored rows so existing vectors follow the new storage, too.
    await queryRunner.query(`UPDATE "knowledge"."article" SET "title" = "title"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "knowledge"."article" ALTER COLUMN "search_vector" SET STORAGE EXTENDED`,
    );
  }
}
