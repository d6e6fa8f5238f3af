import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SCHEMA } from '../database/schema';
import { AlertType } from './alert.entity';

/** Channel on which a commit that plans alerts sends their earliest due time, in epoch ms. */
export const ALERT_PLANNED_CHANNEL = `${SCHEMA}_alert_planned`;

export interface PlannedAlert {
  thresholdKey: string;
  alertType: AlertType;
  dueAt: Date;
}

/**
 * Keeps the pending alert rows of a clock in line with its due times. The upsert and the
 * delete skip rows that already fired, so each clock and threshold fires at most once.
 */
@Injectable()
export class AlertPlanner {
  async replace(
    manager: EntityManager,
    clockId: string,
    ticketId: string,
    alerts: PlannedAlert[],
  ): Promise<void> {
    await this.add(manager, clockId, ticketId, alerts);
    await this.deletePending(
      manager,
      clockId,
      alerts.map((alert) => alert.thresholdKey),
    );
  }

  /**
   * Schedules alerts without removing others, which is all a new clock needs. On commit, the
   * earliest due time among the rows written goes to the workers, which may be asleep past it.
   */
  async add(
    manager: EntityManager,
    clockId: string,
    ticketId: string,
    alerts: PlannedAlert[],
  ): Promise<void> {
    if (alerts.length > 0) {
      await manager.query(
        `WITH written AS (
           INSERT INTO "${SCHEMA}"."alert" ("clock_id", "ticket_id", "alert_type", "threshold_key", "due_at")
           SELECT $1, $2, planned.alert_type, planned.threshold_key, planned.due_at
             FROM unnest($3::text[], $4::text[], $5::timestamptz[]) AS planned (alert_type, threshold_key, due_at)
           ON CONFLICT ("clock_id", "threshold_key")
           DO UPDATE SET "due_at" = EXCLUDED."due_at" WHERE "alert"."fired_at" IS NULL
           RETURNING "due_at")
         SELECT pg_notify($6, (extract(epoch FROM min("due_at")) * 1000)::bigint::text)
           FROM written HAVING count(*) > 0`,
        [
          clockId,
          ticketId,
          alerts.map((alert) => alert.alertType),
          alerts.map((alert) => alert.thresholdKey),
          alerts.map((alert) => alert.dueAt.toISOString()),
          ALERT_PLANNED_CHANNEL,
        ],
      );
    }
  }

  async clear(manager: EntityManager, clockId: string): Promise<void> {
    await this.deletePending(manager, clockId, []);
  }

  private async deletePending(
    manager: EntityManager,
    clockId: string,
    keptKeys: string[],
  ): Promise<void> {
    await manager.query(
      `DELETE FROM "${SCHEMA}"."alert"
        WHERE "clock_id" = $1 AND "fired_at" IS NULL AND NOT ("threshold_key" = ANY($2::text[]))`,
      [clockId, keptKeys],
    );
  }
}
