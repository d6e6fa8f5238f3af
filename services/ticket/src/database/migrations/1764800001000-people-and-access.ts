import { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisations, customers, agents, queues with members and custom fields, API keys, logins. */
export class PeopleAndAccess1764800001000 implements MigrationInterface {
  name = 'PeopleAndAccess1764800001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "ticket"."organisation" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "service_tier" text NOT NULL DEFAULT 'standard',
        "share_tickets" boolean NOT NULL DEFAULT false,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_organisation_name" ON "ticket"."organisation" (lower("name"))`,
    );
    await queryRunner.query(`
      CREATE TABLE "ticket"."customer" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "email" text NOT NULL,
        "name" text NOT NULL,
        "language" text NOT NULL DEFAULT 'en',
        "organisation_id" uuid REFERENCES "ticket"."organisation" ("id"),
        "password_hash" text,
        "active" boolean NOT NULL DEFAULT true,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_customer_email" ON "ticket"."customer" (lower("email"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_customer_organisation" ON "ticket"."customer" ("organisation_id")`,
    );
    await queryRunner.query(`
      CREATE TABLE "ticket"."agent" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "email" text NOT NULL,
        "name" text NOT NULL,
        "language" text NOT NULL DEFAULT 'en',
        "role" text NOT NULL CHECK ("role" IN ('agent', 'admin')),
        "password_hash" text,
        "active" boolean NOT NULL DEFAULT true,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_agent_email" ON "ticket"."agent" (lower("email"))`,
    );
    await queryRunner.query(`
      CREATE TABLE "ticket"."queue" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "description" text NOT NULL DEFAULT '',
        "is_default" boolean NOT NULL DEFAULT false,
        "sender_email" text,
        "escalation_emails" text[] NOT NULL DEFAULT '{}',
        "custom_fields" jsonb NOT NULL DEFAULT '[]',
        "active" boolean NOT NULL DEFAULT true,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_queue_name" ON "ticket"."queue" (lower("name"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_queue_default" ON "ticket"."queue" ("is_default") WHERE "is_default"`,
    );
    await queryRunner.query(`
      CREATE TABLE "ticket"."queue_member" (
        "queue_id" uuid NOT NULL REFERENCES "ticket"."queue" ("id") ON DELETE CASCADE,
        "agent_id" uuid NOT NULL REFERENCES "ticket"."agent" ("id") ON DELETE CASCADE,
        "permission" text NOT NULL CHECK ("permission" IN ('read', 'write')),
        PRIMARY KEY ("queue_id", "agent_id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_queue_member_agent" ON "ticket"."queue_member" ("agent_id")`,
    );
    await queryRunner.query(`
      CREATE TABLE "ticket"."api_key" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "key_prefix" text NOT NULL,
        "key_hash" text NOT NULL UNIQUE,
        "scopes" text[] NOT NULL,
        "created_by_id" uuid,
        "last_used_at" timestamptz(3),
        "revoked_at" timestamptz(3),
        "created_at" timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE "ticket"."login_attempt" (
        "email" text PRIMARY KEY,
        "failures" integer NOT NULL DEFAULT 0,
        "locked_until" timestamptz(3),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `INSERT INTO "ticket"."queue" ("name", "description", "is_default")
       VALUES ('General', 'Tickets without a more specific queue', true)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'login_attempt',
      'api_key',
      'queue_member',
      'queue',
      'agent',
      'customer',
      'organisation',
    ]) {
      await queryRunner.query(`DROP TABLE "ticket"."${table}"`);
    }
  }
}
