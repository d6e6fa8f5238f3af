import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SlaAppliedPayload, SlaClockKind, SlaClockStatus } from '@deskflow/contracts';
import { SlaClockProjection } from './sla-clock-projection.entity';

export interface ClockUpdate {
  status?: SlaClockStatus;
  dueAt?: string | null;
  metAt?: string | null;
  breached?: boolean;
  warned?: boolean;
}

/**
 * Keeps the local projection of SLA clocks. Every write carries the event's time and is
 * skipped when the row was last written by a newer event, so late or repeated deliveries
 * cannot roll a clock back.
 */
@Injectable()
export class SlaProjectionService {
  /** Replaces the ticket's clocks with the applied set; clocks no longer listed are removed. */
  async applied(
    manager: EntityManager,
    payload: SlaAppliedPayload,
    eventTime: string,
  ): Promise<void> {
    const kinds = payload.clocks.map((clock) => clock.kind);
    await manager.query(
      `DELETE FROM "ticket"."sla_clock_projection"
       WHERE "ticket_id" = $1 AND NOT ("kind" = ANY($2)) AND "source_time" <= $3`,
      [payload.ticketId, kinds, eventTime],
    );
    for (const clock of payload.clocks) {
      await manager.query(
        `INSERT INTO "ticket"."sla_clock_projection" AS p
           ("ticket_id", "kind", "status", "due_at", "warn_at", "met_at", "breached", "target_seconds", "policy_name", "source_time")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT ("ticket_id", "kind") DO UPDATE SET
           "status" = EXCLUDED."status", "due_at" = EXCLUDED."due_at", "warn_at" = EXCLUDED."warn_at",
           "met_at" = EXCLUDED."met_at", "breached" = EXCLUDED."breached",
           "target_seconds" = EXCLUDED."target_seconds", "policy_name" = EXCLUDED."policy_name",
           "source_time" = EXCLUDED."source_time"
         WHERE p."source_time" <= EXCLUDED."source_time"`,
        [
          payload.ticketId,
          clock.kind,
          clock.status,
          clock.dueAt ?? null,
          clock.warnAt ?? null,
          clock.metAt ?? null,
          clock.breached ?? false,
          clock.targetSeconds,
          payload.policyName ?? null,
          eventTime,
        ],
      );
    }
    await this.refreshSummary(manager, payload.ticketId);
  }

  /** Updates one clock from a met, breached, warning, paused, resumed or cancelled event. */
  async clockChanged(
    manager: EntityManager,
    ticketId: string,
    clockId: string,
    kind: SlaClockKind,
    update: ClockUpdate,
    eventTime: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO "ticket"."sla_clock_projection" AS p
         ("ticket_id", "kind", "clock_id", "status", "due_at", "met_at", "breached", "warned", "source_time")
       VALUES ($1, $2, $3, coalesce($4, 'running'), $5, $6, coalesce($7, false), coalesce($8, false), $9)
       ON CONFLICT ("ticket_id", "kind") DO UPDATE SET
         "clock_id" = EXCLUDED."clock_id",
         "status" = coalesce($4, p."status"),
         "due_at" = CASE WHEN $10 THEN $5::timestamptz ELSE p."due_at" END,
         "met_at" = coalesce($6, p."met_at"),
         "breached" = p."breached" OR coalesce($7, false),
         "warned" = p."warned" OR coalesce($8, false),
         "source_time" = EXCLUDED."source_time"
       WHERE p."source_time" <= EXCLUDED."source_time"`,
      [
        ticketId,
        kind,
        clockId,
        update.status ?? null,
        update.dueAt ?? null,
        update.metAt ?? null,
        update.breached ?? null,
        update.warned ?? null,
        eventTime,
        update.dueAt !== undefined,
      ],
    );
    await this.refreshSummary(manager, ticketId);
  }

  clocks(manager: EntityManager, ticketId: string): Promise<SlaClockProjection[]> {
    return manager.find(SlaClockProjection, { where: { ticketId }, order: { kind: 'ASC' } });
  }

  /**
   * Recomputes what lists use: the nearest due time of a running clock, and whether a breached
   * clock is still open (not met, not cancelled).
   */
  private async refreshSummary(manager: EntityManager, ticketId: string): Promise<void> {
    await manager.query(
      `INSERT INTO "ticket"."ticket_sla_summary" ("ticket_id", "next_due_at", "escalated", "updated_at")
       SELECT $1,
              min(p."due_at") FILTER (WHERE p."status" IN ('running', 'breached')),
              coalesce(bool_or(p."breached" AND p."status" IN ('running', 'paused', 'breached')), false),
              now()
       FROM "ticket"."sla_clock_projection" p WHERE p."ticket_id" = $1
       ON CONFLICT ("ticket_id") DO UPDATE SET
         "next_due_at" = EXCLUDED."next_due_at", "escalated" = EXCLUDED."escalated", "updated_at" = now()`,
      [ticketId],
    );
  }
}
