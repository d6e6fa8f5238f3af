import { MigrationInterface, QueryRunner } from 'typeorm';
import { SCHEMA } from '../schema';

/**
 * Adds the time of a ticket's latest agent response, so a re-match can tell whether a cancelled
 * next-response clock still waits for a reply. Existing tickets start from their first response.
 */
export class TicketLastResponse1764900100000 implements MigrationInterface {
  name = 'TicketLastResponse1764900100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "${SCHEMA}"."ticket" ADD COLUMN "last_response_at" timestamptz`,
    );
    await queryRunner.query(
      `UPDATE "${SCHEMA}"."ticket" SET "last_response_at" = "first_response_at"`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "${SCHEMA}"."ticket" DROP COLUMN "last_response_at"`);
  }
}
