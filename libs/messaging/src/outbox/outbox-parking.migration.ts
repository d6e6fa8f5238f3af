import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Adds the columns with which the outbox relay parks an event that the broker rejects, such as
 * one over the broker's record size limit. A parked row keeps `published_at` NULL, and the relay
 * skips it. Clearing `parked_at` makes the relay send it again.
 */
export function outboxParkingMigration(
  schema: string,
  timestamp: number,
): new () => MigrationInterface {
  const name = `OutboxParking${timestamp}`;
  const migration = class implements MigrationInterface {
    name = name;

    async up(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(
        `ALTER TABLE "${schema}"."outbox_event" ADD COLUMN "parked_at" timestamptz, ADD COLUMN "park_error" text`,
      );
      await queryRunner.query(
        `CREATE INDEX "ix_outbox_event_parked" ON "${schema}"."outbox_event" ("seq") WHERE "parked_at" IS NOT NULL`,
      );
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`DROP INDEX "${schema}"."ix_outbox_event_parked"`);
      await queryRunner.query(
        `ALTER TABLE "${schema}"."outbox_event" DROP COLUMN "park_error", DROP COLUMN "parked_at"`,
      );
    }
  };
  Object.defineProperty(migration, 'name', { value: name });

  return migration;
}
