import { MigrationInterface, QueryRunner } from 'typeorm';
import { SCHEMA } from '../schema';

/** Creates calendars, policies, the ticket projection, clocks with their history, and alerts. */
export class SlaTables1764900000000 implements MigrationInterface {
  name = 'SlaTables1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "${SCHEMA}"."calendar" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "name" text NOT NULL UNIQUE,
        "time_zone" text NOT NULL,
        "always_open" boolean NOT NULL DEFAULT false,
        "intervals" jsonb NOT NULL DEFAULT '[]',
        "recurring_holidays" jsonb NOT NULL DEFAULT '[]',
        "holidays" jsonb NOT NULL DEFAULT '[]',
        "version" integer NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE "${SCHEMA}"."policy" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "name" text NOT NULL UNIQUE,
        "position" integer NOT NULL,
        "is_default" boolean NOT NULL DEFAULT false,
        "active" boolean NOT NULL DEFAULT true,
        "priorities" text[] NOT NULL DEFAULT '{}',
        "queue_ids" uuid[] NOT NULL DEFAULT '{}',
        "types" text[] NOT NULL DEFAULT '{}',
        "organisation_ids" uuid[] NOT NULL DEFAULT '{}',
        "organisation_tiers" text[] NOT NULL DEFAULT '{}',
        "calendar_id" uuid NOT NULL REFERENCES "${SCHEMA}"."calendar" ("id"),
        "first_response_minutes" integer,
        "next_response_minutes" integer,
        "resolution_minutes" integer,
        "warnings" jsonb NOT NULL DEFAULT '[]',
        "pause_state_types" text[] NOT NULL,
        "paused_clocks" text[] NOT NULL,
        "public_notes_count" boolean NOT NULL DEFAULT false,
        "resume_on_reopen" boolean NOT NULL DEFAULT false,
        "version" integer NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_policy_one_active_default" ON "${SCHEMA}"."policy" ("is_default") WHERE "is_default" AND "active"`,
    );
    await queryRunner.query(`
      CREATE TABLE "${SCHEMA}"."ticket" (
        "ticket_id" uuid PRIMARY KEY,
        "number" text NOT NULL,
        "snapshot" jsonb NOT NULL,
        "state_type" text NOT NULL,
        "priority" text NOT NULL,
        "type" text NOT NULL,
        "queue_id" uuid NOT NULL,
        "organisation_id" uuid,
        "organisation_tier" text,
        "started_at" timestamptz NOT NULL,
        "snapshot_updated_at" timestamptz NOT NULL,
        "policy_id" uuid,
        "state_log" jsonb NOT NULL,
        "first_response_at" timestamptz,
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_ticket_policy" ON "${SCHEMA}"."ticket" ("policy_id")`,
    );
    await queryRunner.query(`
      CREATE TABLE "${SCHEMA}"."clock" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "ticket_id" uuid NOT NULL REFERENCES "${SCHEMA}"."ticket" ("ticket_id"),
        "kind" text NOT NULL,
        "cycle" integer NOT NULL,
        "policy_id" uuid NOT NULL,
        "calendar_id" uuid NOT NULL,
        "target_seconds" integer NOT NULL,
        "started_at" timestamptz NOT NULL,
        "status" text NOT NULL,
        "due_at" timestamptz,
        "warn_at" timestamptz,
        "met_at" timestamptz,
        "business_seconds" integer,
        "breached" boolean NOT NULL DEFAULT false,
        "cancel_reason" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        UNIQUE ("ticket_id", "kind", "cycle")
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_clock_running_due" ON "${SCHEMA}"."clock" ("due_at") WHERE "status" = 'running'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_clock_started" ON "${SCHEMA}"."clock" ("started_at")`,
    );
    await queryRunner.query(`
      CREATE TABLE "${SCHEMA}"."clock_event" (
        "id" bigserial PRIMARY KEY,
        "clock_id" uuid NOT NULL REFERENCES "${SCHEMA}"."clock" ("id"),
        "ticket_id" uuid NOT NULL,
        "type" text NOT NULL,
        "at" timestamptz NOT NULL,
        "details" jsonb NOT NULL DEFAULT '{}',
        "recorded_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_clock_event_ticket" ON "${SCHEMA}"."clock_event" ("ticket_id", "id")`,
    );
    await queryRunner.query(`
      CREATE TABLE "${SCHEMA}"."alert" (
        "id" bigserial PRIMARY KEY,
        "clock_id" uuid NOT NULL REFERENCES "${SCHEMA}"."clock" ("id"),
        "ticket_id" uuid NOT NULL,
        "alert_type" text NOT NULL,
        "threshold_key" text NOT NULL,
        "due_at" timestamptz NOT NULL,
        "fired_at" timestamptz,
        UNIQUE ("clock_id", "threshold_key")
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_alert_pending_due" ON "${SCHEMA}"."alert" ("due_at") WHERE "fired_at" IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['alert', 'clock_event', 'clock', 'ticket', 'policy', 'calendar']) {
      await queryRunner.query(`DROP TABLE "${SCHEMA}"."${table}"`);
    }
  }
}
