import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inbound mail (raw source first, one row per Message-ID), mail participants, acknowledgement
 * quotas, IMAP mailboxes with their checkpoints, per-queue channel settings, organisation mail
 * domains, chat conversations and messages, and phone call details.
 */
export class EmailAndChatChannels1764870000000 implements MigrationInterface {
  name = 'EmailAndChatChannels1764870000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "ticket"."mailbox" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "address" text NOT NULL,
        "host" text NOT NULL,
        "port" integer NOT NULL CHECK ("port" BETWEEN 1 AND 65535),
        "secure" boolean NOT NULL DEFAULT true,
        "username" text NOT NULL,
        "password_variable" text NOT NULL,
        "folder" text NOT NULL DEFAULT 'INBOX',
        "queue_id" uuid NOT NULL REFERENCES "ticket"."queue" ("id"),
        "active" boolean NOT NULL DEFAULT true,
        "uid_validity" bigint,
        "last_uid" bigint NOT NULL DEFAULT 0,
        "last_polled_at" timestamptz(3),
        "last_error" text,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_mailbox_name" ON "ticket"."mailbox" (lower("name"))`,
    );
    await queryRunner.query(`
      CREATE TABLE "ticket"."inbound_mail" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "message_id" text NOT NULL,
        "raw" bytea NOT NULL,
        "raw_sha256" text NOT NULL,
        "body_sha256" text NOT NULL,
        "mailbox_id" uuid REFERENCES "ticket"."mailbox" ("id") ON DELETE SET NULL,
        "status" text NOT NULL DEFAULT 'received'
          CHECK ("status" IN ('received', 'ticket_created', 'article_added', 'note_added', 'ignored', 'failed')),
        "reason" text,
        "ticket_id" uuid REFERENCES "ticket"."ticket" ("id"),
        "article_id" uuid,
        "sender_address" text,
        "third_party" boolean NOT NULL DEFAULT false,
        "auto_reply_markers" text[] NOT NULL DEFAULT '{}',
        "attempts" integer NOT NULL DEFAULT 0,
        "received_at" timestamptz(3) NOT NULL DEFAULT now(),
        "processed_at" timestamptz(3)
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_inbound_mail_message_body" ON "ticket"."inbound_mail" ("message_id", "body_sha256")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_inbound_mail_ticket" ON "ticket"."inbound_mail" ("ticket_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_inbound_mail_sender" ON "ticket"."inbound_mail" ("sender_address", "received_at")`,
    );
    await queryRunner.query(`
      CREATE TABLE "ticket"."mail_participant" (
        "ticket_id" uuid NOT NULL REFERENCES "ticket"."ticket" ("id") ON DELETE CASCADE,
        "address" text NOT NULL,
        PRIMARY KEY ("ticket_id", "address")
      )`);
    await queryRunner.query(`
      CREATE TABLE "ticket"."acknowledgement_quota" (
        "address" text PRIMARY KEY,
        "window_start" timestamptz(3) NOT NULL,
        "granted" integer NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE "ticket"."queue_channel_setting" (
        "queue_id" uuid PRIMARY KEY REFERENCES "ticket"."queue" ("id") ON DELETE CASCADE,
        "closed_reply_policy" text NOT NULL DEFAULT 'reopen' CHECK ("closed_reply_policy" IN ('reopen', 'follow_up'))
      )`);
    await queryRunner.query(`
      CREATE TABLE "ticket"."organisation_mail_domain" (
        "domain" text PRIMARY KEY,
        "organisation_id" uuid NOT NULL REFERENCES "ticket"."organisation" ("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE "ticket"."chat_conversation" (
        "conversation_id" text PRIMARY KEY,
        "ticket_id" uuid NOT NULL REFERENCES "ticket"."ticket" ("id"),
        "created_at" timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE "ticket"."chat_message" (
        "message_id" text PRIMARY KEY,
        "conversation_id" text NOT NULL REFERENCES "ticket"."chat_conversation" ("conversation_id"),
        "article_id" uuid NOT NULL,
        "created_at" timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE "ticket"."phone_call" (
        "article_id" uuid PRIMARY KEY,
        "ticket_id" uuid NOT NULL REFERENCES "ticket"."ticket" ("id"),
        "direction" text NOT NULL CHECK ("direction" IN ('inbound', 'outbound')),
        "duration_seconds" integer NOT NULL CHECK ("duration_seconds" >= 0),
        "phone_number" text,
        "agent_id" uuid NOT NULL,
        "created_at" timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_phone_call_ticket" ON "ticket"."phone_call" ("ticket_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const tables = [
      'phone_call',
      'chat_message',
      'chat_conversation',
      'organisation_mail_domain',
      'queue_channel_setting',
      'acknowledgement_quota',
      'mail_participant',
      'inbound_mail',
      'mailbox',
    ];
    for (const table of tables) {
      await queryRunner.query(`DROP TABLE "ticket"."${table}"`);
    }
  }
}
