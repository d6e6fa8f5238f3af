import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tickets, their daily number counters and the per-ticket change history. */
export class TicketsAndHistory1764800002000 implements MigrationInterface {
  name = 'TicketsAndHistory1764800002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "ticket"."ticket_number_counter" (
        "day" date PRIMARY KEY,
        "last_value" integer NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE "ticket"."ticket" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "number" text NOT NULL UNIQUE,
        "title" varchar(255) NOT NULL,
        "state" text NOT NULL,
        "state_type" text NOT NULL,
        "priority" text NOT NULL CHECK ("priority" IN ('P1', 'P2', 'P3', 'P4')),
        "priority_explicit" boolean NOT NULL DEFAULT false,
        "impact" text CHECK ("impact" IN ('high', 'medium', 'low')),
        "urgency" text CHECK ("urgency" IN ('high', 'medium', 'low')),
        "type" text NOT NULL,
        "channel" text NOT NULL,
        "queue_id" uuid NOT NULL REFERENCES "ticket"."queue" ("id"),
        "owner_id" uuid REFERENCES "ticket"."agent" ("id"),
        "customer_id" uuid NOT NULL REFERENCES "ticket"."customer" ("id"),
        "organisation_id" uuid REFERENCES "ticket"."organisation" ("id"),
        "tags" text[] NOT NULL DEFAULT '{}',
        "custom_fields" jsonb NOT NULL DEFAULT '{}',
        "watcher_ids" uuid[] NOT NULL DEFAULT '{}',
        "has_attachments" boolean NOT NULL DEFAULT false,
        "pending_until" timestamptz(3),
        "first_response_at" timestamptz(3),
        "resolved_at" timestamptz(3),
        "closed_at" timestamptz(3),
        "merged_into_id" uuid REFERENCES "ticket"."ticket" ("id"),
        "version" integer NOT NULL DEFAULT 1,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
        "search_vector" tsvector GENERATED ALWAYS AS (
          to_tsvector('german'::regconfig, "title") || to_tsvector('english'::regconfig, "title")
        ) STORED
      )`);
    const indexes: [string, string][] = [
      ['ix_ticket_queue', `("queue_id")`],
      ['ix_ticket_customer', `("customer_id")`],
      ['ix_ticket_organisation', `("organisation_id")`],
      ['ix_ticket_owner', `("owner_id")`],
      ['ix_ticket_merged_into', `("merged_into_id")`],
      ['ix_ticket_created', `("created_at", "id")`],
      ['ix_ticket_updated', `("updated_at", "id")`],
      ['ix_ticket_priority', `("priority", "id")`],
      ['ix_ticket_tags', `USING gin ("tags")`],
      ['ix_ticket_search', `USING gin ("search_vector")`],
    ];
    for (const [name, definition] of indexes) {
      await queryRunner.query(`CREATE INDEX "${name}" ON "ticket"."ticket" ${definition}`);
    }
    await queryRunner.query(`
      CREATE TABLE "ticket"."ticket_history" (
        "id" bigserial PRIMARY KEY,
        "ticket_id" uuid NOT NULL REFERENCES "ticket"."ticket" ("id") ON DELETE CASCADE,
        "actor" text NOT NULL,
        "field" text NOT NULL,
        "old_value" jsonb,
        "new_value" jsonb,
        "created_at" timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_ticket_history_ticket" ON "ticket"."ticket_history" ("ticket_id", "id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ticket"."ticket_history"`);
    await queryRunner.query(`DROP TABLE "ticket"."ticket"`);
    await queryRunner.query(`DROP TABLE "ticket"."ticket_number_counter"`);
  }
}
