import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Creates a service's outbox and inbox tables. Each service lists the class this returns among
 * its migrations, with the timestamp of its first migration so that it runs first.
 */
export function messagingTablesMigration(
  schema: string,
  timestamp: number,
): new () => MigrationInterface {
  const name = `MessagingTables${timestamp}`;
  const migration = class implements MigrationInterface {
    name = name;

    async up(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`
        CREATE TABLE "${schema}"."outbox_event" (
          "seq" bigserial PRIMARY KEY,
          "id" uuid NOT NULL UNIQUE,
          "topic" text NOT NULL,
          "message_key" text NOT NULL,
          "type" text NOT NULL,
          "source" text NOT NULL,
          "dataschema" text NOT NULL,
          "actor" text NOT NULL,
          "correlation_id" text NOT NULL,
          "occurred_at" timestamptz NOT NULL DEFAULT now(),
          "data" jsonb NOT NULL,
          "published_at" timestamptz
        )`);
      await queryRunner.query(
        `CREATE INDEX "ix_outbox_event_unpublished" ON "${schema}"."outbox_event" ("seq") WHERE "published_at" IS NULL`,
      );
      await queryRunner.query(`
        CREATE TABLE "${schema}"."inbox_event" (
          "event_id" uuid NOT NULL,
          "consumer_group" text NOT NULL,
          "type" text NOT NULL,
          "processed_at" timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY ("event_id", "consumer_group")
        )`);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`DROP TABLE "${schema}"."inbox_event"`);
      await queryRunner.query(`DROP TABLE "${schema}"."outbox_event"`);
    }
  };
  Object.defineProperty(migration, 'name', { value: name });

  return migration;
}
