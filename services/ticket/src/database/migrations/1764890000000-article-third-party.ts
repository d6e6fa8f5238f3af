import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A flag on articles from a sender who is neither the ticket's customer, a participant nor an
 * agent, filled in from the inbound mail records that carried it so far.
 */
export class ArticleThirdParty1764890000000 implements MigrationInterface {
  name = 'ArticleThirdParty1764890000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "ticket"."article" ADD COLUMN "third_party" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`
      UPDATE "ticket"."article" a SET "third_party" = true
      FROM "ticket"."inbound_mail" m WHERE m."article_id" = a."id" AND m."third_party"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ticket"."article" DROP COLUMN "third_party"`);
  }
}
