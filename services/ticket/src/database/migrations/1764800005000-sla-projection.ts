import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The local copy of the SLA service's clocks per ticket, and a per-ticket summary that lists
 * filter (escalated) and sort (nearest due time) on. No foreign key: SLA events may arrive
 * before or after the ticket rows they describe are visible.
 */
export class SlaProjection1764800005000 implements MigrationInterface {
  name = 'SlaProjection1764800005000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "ticket"."sla_clock_projection" (
        "ticket_id" uuid NOT NULL,
        "kind" text NOT NULL,
        "clock_id" uuid,
        "status" text NOT NULL,
        "due_at" timestamptz(3),
        "warn_at" timestamptz(3),
        "met_at" timestamptz(3),
        "breached" boolean NOT NULL DEFAULT false,
        "warned" boolean NOT NULL DEFAULT false,
        "target_seconds" integer NOT NULL DEFAULT 0,
        "policy_name" text,
        "source_time" timestamptz(3) NOT NULL,
        PRIMARY KEY ("ticket_id", "kind")
      )`);
    await queryRunner.query(`
      CREATE TABLE "ticket"."ticket_sla_summary" (
        "ticket_id" uuid PRIMARY KEY,
        "next_due_at" timestamptz(3),
        "escalated" boolean NOT NULL DEFAULT false,
        "updated_at" timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_ticket_sla_summary_due" ON "ticket"."ticket_sla_summary" ("next_due_at", "ticket_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_ticket_sla_summary_escalated" ON "ticket"."ticket_sla_summary" ("ticket_id") WHERE "escalated"`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ticket"."ticket_sla_summary"`);
    await queryRunner.query(`DROP TABLE "ticket"."sla_clock_projection"`);
  }
}
