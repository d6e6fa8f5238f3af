import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes the parts of the stored compound splits, so a search can highlight the compounds that
 * it found through one of their parts: "Warteschlange" marks "Druckerwarteschlange".
 */
export class CompoundPartIndex1764900015000 implements MigrationInterface {
  name = 'CompoundPartIndex1764900015000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_compound_split_parts" ON "knowledge"."compound_split" USING gin ("parts")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "knowledge"."ix_compound_split_parts"`);
  }
}
