import { MigrationInterface, QueryRunner } from 'typeorm';

/** Links between tickets. `related` links are stored with the smaller id first, so each exists once. */
export class TicketLinks1764800004000 implements MigrationInterface {
  name = 'TicketLinks1764800004000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "ticket"."ticket_link" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "source_ticket_id" uuid NOT NULL REFERENCES "ticket"."ticket" ("id"),
        "target_ticket_id" uuid NOT NULL REFERENCES "ticket"."ticket" ("id"),
        "link_type" text NOT NULL CHECK ("link_type" IN ('related', 'parent_child', 'duplicate')),
        "created_by" text NOT NULL,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        CHECK ("source_ticket_id" <> "target_ticket_id"),
        CHECK ("link_type" <> 'related' OR "source_ticket_id" < "target_ticket_id"),
        UNIQUE ("source_ticket_id", "target_ticket_id", "link_type")
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_ticket_link_target" ON "ticket"."ticket_link" ("target_ticket_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ticket"."ticket_link"`);
  }
}
