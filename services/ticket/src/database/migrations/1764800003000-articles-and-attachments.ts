import { MigrationInterface, QueryRunner } from 'typeorm';

/** Articles with their mail threading headers and full-text vector, and their attachments. */
export class ArticlesAndAttachments1764800003000 implements MigrationInterface {
  name = 'ArticlesAndAttachments1764800003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "ticket"."article" (
        "id" uuid PRIMARY KEY,
        "ticket_id" uuid NOT NULL REFERENCES "ticket"."ticket" ("id"),
        "origin_ticket_id" uuid NOT NULL REFERENCES "ticket"."ticket" ("id"),
        "kind" text NOT NULL CHECK ("kind" IN ('message', 'note')),
        "sender_type" text NOT NULL CHECK ("sender_type" IN ('customer', 'agent', 'system')),
        "visibility" text NOT NULL CHECK ("visibility" IN ('public', 'internal')),
        "channel" text NOT NULL,
        "automatic" boolean NOT NULL DEFAULT false,
        "author_id" uuid,
        "from_address" text,
        "to_addresses" text[] NOT NULL DEFAULT '{}',
        "cc_addresses" text[] NOT NULL DEFAULT '{}',
        "subject" text,
        "body_text" text NOT NULL,
        "body_html" text,
        "message_id" text,
        "in_reply_to" text,
        "references" text[] NOT NULL DEFAULT '{}',
        "has_attachments" boolean NOT NULL DEFAULT false,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
        "search_vector" tsvector GENERATED ALWAYS AS (
          to_tsvector('german'::regconfig, left(coalesce("subject", '') || ' ' || "body_text", 100000))
          || to_tsvector('english'::regconfig, left(coalesce("subject", '') || ' ' || "body_text", 100000))
        ) STORED
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_article_ticket" ON "ticket"."article" ("ticket_id", "created_at", "id")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_article_message_id" ON "ticket"."article" ("message_id") WHERE "message_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_article_search" ON "ticket"."article" USING gin ("search_vector")`,
    );
    await queryRunner.query(`
      CREATE TABLE "ticket"."attachment" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "article_id" uuid NOT NULL REFERENCES "ticket"."article" ("id") ON DELETE CASCADE,
        "ticket_id" uuid NOT NULL REFERENCES "ticket"."ticket" ("id"),
        "filename" text NOT NULL,
        "content_type" text NOT NULL,
        "size_bytes" integer NOT NULL,
        "sha256" text NOT NULL,
        "content" bytea NOT NULL,
        "created_at" timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_attachment_article" ON "ticket"."attachment" ("article_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_attachment_ticket" ON "ticket"."attachment" ("ticket_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ticket"."attachment"`);
    await queryRunner.query(`DROP TABLE "ticket"."article"`);
  }
}
