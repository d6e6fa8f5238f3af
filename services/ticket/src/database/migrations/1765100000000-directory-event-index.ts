import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An index over the outbox's directory events by subject, so that the startup check for agents
 * and queues never published reads a few rows instead of the whole outbox.
 */
export class DirectoryEventIndex1765100000000 implements MigrationInterface {
  name = 'DirectoryEventIndex1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_outbox_event_directory" ON "ticket"."outbox_event" ("type", "message_key")
       WHERE "type" LIKE 'directory.%'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ticket"."ix_outbox_event_directory"`);
  }
}
