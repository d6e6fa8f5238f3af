import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Automation rules, auto-assignment settings and agent availability, satisfaction ratings,
 * knowledge articles a customer read before opening a ticket, and the index the pending
 * reminder worker claims due tickets by.
 */
export class AutomationPortalAndReports1764860000000 implements MigrationInterface {
  name = 'AutomationPortalAndReports1764860000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "ticket"."automation_rule" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "position" integer NOT NULL,
        "active" boolean NOT NULL DEFAULT true,
        "triggers" text[] NOT NULL,
        "match" text NOT NULL CHECK ("match" IN ('all', 'any')),
        "conditions" jsonb NOT NULL,
        "actions" jsonb NOT NULL,
        "stop_processing" boolean NOT NULL DEFAULT false,
        "version" integer NOT NULL DEFAULT 1,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_automation_rule_name" ON "ticket"."automation_rule" (lower("name"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_automation_rule_position" ON "ticket"."automation_rule" ("position", "id")`,
    );
    await queryRunner.query(`
      CREATE TABLE "ticket"."queue_assignment" (
        "queue_id" uuid PRIMARY KEY REFERENCES "ticket"."queue" ("id") ON DELETE CASCADE,
        "mode" text NOT NULL CHECK ("mode" IN ('off', 'round_robin', 'least_open')),
        "last_agent_id" uuid REFERENCES "ticket"."agent" ("id") ON DELETE SET NULL,
        "updated_at" timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE "ticket"."agent_availability" (
        "agent_id" uuid PRIMARY KEY REFERENCES "ticket"."agent" ("id") ON DELETE CASCADE,
        "available" boolean NOT NULL,
        "updated_at" timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE "ticket"."satisfaction_rating" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "ticket_id" uuid NOT NULL REFERENCES "ticket"."ticket" ("id") ON DELETE CASCADE,
        "resolution" integer NOT NULL CHECK ("resolution" >= 1),
        "customer_id" uuid NOT NULL REFERENCES "ticket"."customer" ("id"),
        "rating" integer NOT NULL CHECK ("rating" BETWEEN 1 AND 5),
        "comment" text NOT NULL DEFAULT '',
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE ("ticket_id", "resolution")
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_satisfaction_rating_created" ON "ticket"."satisfaction_rating" ("created_at")`,
    );
    await queryRunner.query(`
      CREATE TABLE "ticket"."ticket_read_article" (
        "ticket_id" uuid NOT NULL REFERENCES "ticket"."ticket" ("id") ON DELETE CASCADE,
        "knowledge_article_id" uuid NOT NULL,
        PRIMARY KEY ("ticket_id", "knowledge_article_id")
      )`);
    await queryRunner.query(`
      CREATE INDEX "ix_ticket_pending_due" ON "ticket"."ticket" ("pending_until")
      WHERE "state_type" IN ('pending_reminder', 'pending_customer')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ticket"."ix_ticket_pending_due"`);
    for (const table of [
      'ticket_read_article',
      'satisfaction_rating',
      'agent_availability',
      'queue_assignment',
      'automation_rule',
    ]) {
      await queryRunner.query(`DROP TABLE "ticket"."${table}"`);
    }
  }
}
