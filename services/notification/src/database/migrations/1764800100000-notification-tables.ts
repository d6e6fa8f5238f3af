import { MigrationInterface, QueryRunner } from 'typeorm';

/** Creates the projections, rules, templates, preferences, deliveries, webhooks and inbox. */
export class NotificationTables1764800100000 implements MigrationInterface {
  name = 'NotificationTables1764800100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "notification"."agent_projection" (
        "id" uuid PRIMARY KEY,
        "email" text NOT NULL,
        "name" text NOT NULL,
        "language" text NOT NULL,
        "role" text NOT NULL,
        "active" boolean NOT NULL,
        "queue_ids" uuid[] NOT NULL DEFAULT '{}',
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_agent_projection_queue_ids" ON "notification"."agent_projection" USING gin ("queue_ids")`,
    );
    await queryRunner.query(`
      CREATE TABLE "notification"."queue_projection" (
        "id" uuid PRIMARY KEY,
        "name" text NOT NULL,
        "escalation_emails" text[] NOT NULL DEFAULT '{}',
        "sender_email" text,
        "active" boolean NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE "notification"."ticket_thread" (
        "ticket_id" uuid PRIMARY KEY,
        "number" text NOT NULL,
        "title" text NOT NULL,
        "queue_id" uuid NOT NULL,
        "customer_id" uuid NOT NULL,
        "customer_email" text,
        "customer_language" text,
        "first_message_id" text,
        "state_type" text NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE "notification"."ticket_sla" (
        "ticket_id" uuid PRIMARY KEY,
        "first_response_due_at" timestamptz,
        "resolution_due_at" timestamptz,
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE "notification"."notification_rule" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "event_type" text NOT NULL,
        "recipients" text[] NOT NULL DEFAULT '{}',
        "agent_ids" uuid[] NOT NULL DEFAULT '{}',
        "emails" text[] NOT NULL DEFAULT '{}',
        "conditions" jsonb NOT NULL DEFAULT '{}',
        "template_key" text NOT NULL,
        "channels" text[] NOT NULL,
        "include_actor" boolean NOT NULL DEFAULT false,
        "digestible" boolean NOT NULL DEFAULT true,
        "enabled" boolean NOT NULL DEFAULT true,
        "position" integer NOT NULL DEFAULT 100,
        "version" integer NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_notification_rule_event_type" ON "notification"."notification_rule" ("event_type", "position")`,
    );
    await queryRunner.query(`
      CREATE TABLE "notification"."notification_template" (
        "key" text NOT NULL,
        "locale" text NOT NULL,
        "subject" text NOT NULL,
        "text_body" text NOT NULL,
        "html_body" text NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("key", "locale")
      )`);
    await queryRunner.query(`
      CREATE TABLE "notification"."notification_preference" (
        "user_key" text PRIMARY KEY,
        "language" text,
        "muted" boolean NOT NULL DEFAULT false,
        "channels" jsonb NOT NULL DEFAULT '{}',
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await this.createDeliveryTables(queryRunner);
    await this.createWebhookAndInboxTables(queryRunner);
  }

  private async createDeliveryTables(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "notification"."delivery" (
        "id" uuid PRIMARY KEY,
        "source_event_id" uuid,
        "source_event_type" text NOT NULL,
        "dedupe_key" text NOT NULL,
        "rule_id" uuid,
        "template_key" text,
        "kind" text NOT NULL,
        "channel" text NOT NULL,
        "recipient_key" text NOT NULL,
        "recipient_address" text,
        "locale" text NOT NULL,
        "ticket_id" uuid,
        "ticket_number" text,
        "article_id" uuid,
        "context" jsonb NOT NULL,
        "status" text NOT NULL,
        "awaits_sla" boolean NOT NULL DEFAULT false,
        "attempts" integer NOT NULL DEFAULT 0,
        "retry_count" integer NOT NULL DEFAULT 0,
        "available_at" timestamptz NOT NULL DEFAULT now(),
        "lease_until" timestamptz,
        "last_error" text,
        "message_id" text,
        "digest_id" uuid,
        "rendered" jsonb,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        "delivered_at" timestamptz,
        CONSTRAINT "uq_delivery_event_recipient_channel" UNIQUE ("source_event_id", "recipient_key", "channel"),
        CONSTRAINT "uq_delivery_dedupe_recipient_channel" UNIQUE ("dedupe_key", "recipient_key", "channel")
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_delivery_due" ON "notification"."delivery" ("available_at") WHERE "status" = 'queued'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_delivery_lease" ON "notification"."delivery" ("lease_until") WHERE "status" = 'sending'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_delivery_held" ON "notification"."delivery" ("recipient_key", "channel") WHERE "status" = 'held'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_delivery_awaiting_sla" ON "notification"."delivery" ("ticket_id") WHERE "awaits_sla"`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_delivery_created" ON "notification"."delivery" ("created_at" DESC, "id" DESC)`,
    );
    await queryRunner.query(`
      CREATE TABLE "notification"."delivery_attempt" (
        "id" bigserial PRIMARY KEY,
        "delivery_id" uuid NOT NULL REFERENCES "notification"."delivery" ("id") ON DELETE CASCADE,
        "attempt" integer NOT NULL,
        "outcome" text NOT NULL,
        "error" text,
        "started_at" timestamptz NOT NULL,
        "duration_ms" integer NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_delivery_attempt_delivery" ON "notification"."delivery_attempt" ("delivery_id", "attempt")`,
    );
    await queryRunner.query(`
      CREATE TABLE "notification"."burst_window" (
        "recipient_key" text NOT NULL,
        "channel" text NOT NULL,
        "opened_at" timestamptz NOT NULL,
        "closes_at" timestamptz NOT NULL,
        "held_count" integer NOT NULL DEFAULT 0,
        PRIMARY KEY ("recipient_key", "channel")
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_burst_window_due" ON "notification"."burst_window" ("closes_at") WHERE "held_count" > 0`,
    );
  }

  private async createWebhookAndInboxTables(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "notification"."webhook_subscription" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "url" text NOT NULL,
        "event_types" text[] NOT NULL,
        "secret" text NOT NULL,
        "active" boolean NOT NULL DEFAULT true,
        "consecutive_failures" integer NOT NULL DEFAULT 0,
        "disabled_reason" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE "notification"."inbox_item" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "agent_id" uuid NOT NULL,
        "delivery_id" uuid NOT NULL UNIQUE,
        "ticket_id" uuid,
        "ticket_number" text,
        "event_type" text NOT NULL,
        "title" text NOT NULL,
        "body" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "read_at" timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_inbox_item_agent" ON "notification"."inbox_item" ("agent_id", "created_at" DESC, "id" DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_inbox_item_unread" ON "notification"."inbox_item" ("agent_id") WHERE "read_at" IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'inbox_item',
      'webhook_subscription',
      'burst_window',
      'delivery_attempt',
      'delivery',
      'notification_preference',
      'notification_template',
      'notification_rule',
      'ticket_sla',
      'ticket_thread',
      'queue_projection',
      'agent_projection',
    ]) {
      await queryRunner.query(`DROP TABLE "notification"."${table}"`);
    }
  }
}
