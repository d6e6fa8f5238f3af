import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An aggregate that joins the search vectors of a ticket's articles, so one query can match
 * across the title and all articles; the queue's policy for customer replies to closed
 * tickets (taken over from the email channel's setting); and the latest resolution time next
 * to the first one.
 */
export class SearchReopenAndResolution1764880000000 implements MigrationInterface {
  name = 'SearchReopenAndResolution1764880000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // tsvector_concat shifts the positions of its right side, so phrases stay within one text.
    await queryRunner.query(`
      CREATE AGGREGATE "ticket"."tsvector_agg" (tsvector) (
        SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = ''
      )`);
    await queryRunner.query(`
      ALTER TABLE "ticket"."queue" ADD COLUMN "closed_ticket_reply" text NOT NULL DEFAULT 'reopen'
        CHECK ("closed_ticket_reply" IN ('reopen', 'follow_up'))`);
    await queryRunner.query(`
      UPDATE "ticket"."queue" q SET "closed_ticket_reply" = s."closed_reply_policy"
      FROM "ticket"."queue_channel_setting" s WHERE s."queue_id" = q."id"`);
    await queryRunner.query(
      `ALTER TABLE "ticket"."ticket" ADD COLUMN "last_resolved_at" timestamptz(3)`,
    );
    await queryRunner.query(`UPDATE "ticket"."ticket" SET "last_resolved_at" = "resolved_at"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ticket"."ticket" DROP COLUMN "last_resolved_at"`);
    await queryRunner.query(`ALTER TABLE "ticket"."queue" DROP COLUMN "closed_ticket_reply"`);
    await queryRunner.query(`DROP AGGREGATE "ticket"."tsvector_agg" (tsvector)`);
  }
}
