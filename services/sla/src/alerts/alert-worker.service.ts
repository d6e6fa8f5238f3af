import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { EventDefinition, SlaClockAlertPayload, SlaClockKind, SlaEvents, TicketSnapshot } from '@deskflow/contracts';
import { Outbox } from '@deskflow/messaging';
import { rootLogger } from '@deskflow/observability';
import { SCHEMA } from '../database/schema';
import { TimeSource } from '../time/time-source';
import { AlertType } from './alert.entity';

interface DueAlertRow {
  id: string;
  clock_id: string;
  ticket_id: string;
  alert_type: AlertType;
  threshold_key: string;
  due_at: Date;
  kind: SlaClockKind;
  clock_due_at: Date | null;
  snapshot: TicketSnapshot;
  policy_name: string | null;
}

/** Keeps a worker from spinning on rows that another replica holds locked. */
const MIN_WAIT_MS = 20;

export interface AlertWorkerSettings {
  pollIntervalMs: number;
  batchSize: number;
  enabled: boolean;
}

export function alertWorkerSettings(env: NodeJS.ProcessEnv = process.env): AlertWorkerSettings {
  return {
    pollIntervalMs: Number(env.SLA_ALERT_POLL_INTERVAL_MS ?? 1000),
    batchSize: Number(env.SLA_ALERT_BATCH_SIZE ?? 500),
    enabled: (env.SLA_ALERT_WORKER_ENABLED ?? 'true') !== 'false',
  };
}

/**
 * Fires due warnings and breaches. Each batch claims due rows with FOR UPDATE SKIP LOCKED and,
 * in the same transaction, records the events in the outbox and marks the rows fired, so every
 * replica can run a worker and each alert still fires once.
 */
@Injectable()
export class AlertWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = rootLogger().child({ context: 'AlertWorker' });
  private readonly settings = alertWorkerSettings();
  private stopping = false;
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly time: TimeSource,
  ) {}

  onApplicationBootstrap(): void {
    if (this.settings.enabled) this.running = this.loop();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    this.wake?.();
    await this.running;
  }

  /** Fires every alert due at the current time and returns how many fired. */
  async fireDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const fired = await this.fireBatch();
      total += fired;
      if (fired < this.settings.batchSize) return total;
    }
  }

  private async loop(): Promise<void> {
    this.logger.info({ pollIntervalMs: this.settings.pollIntervalMs }, 'alert worker started');
    while (!this.stopping) {
      let waitMs = this.settings.pollIntervalMs;
      try {
        await this.fireDue();
        waitMs = await this.millisUntilNextDue();
      } catch (error) {
        this.logger.warn({ err: error }, 'firing due alerts failed, retrying at the next poll');
      }
      await this.sleep(waitMs);
    }
    this.logger.info('alert worker stopped');
  }

  /** Returns how long to sleep: until the next pending alert is due, at most one poll interval. */
  private async millisUntilNextDue(): Promise<number> {
    const rows: { next_due_at: Date | null }[] = await this.dataSource.query(
      `SELECT min("due_at") AS "next_due_at" FROM "${SCHEMA}"."alert" WHERE "fired_at" IS NULL`,
    );
    const nextDueAt = rows[0]?.next_due_at;
    if (!nextDueAt) return this.settings.pollIntervalMs;

    const untilDue = new Date(nextDueAt).getTime() - this.time.now().getTime();

    return Math.min(this.settings.pollIntervalMs, Math.max(MIN_WAIT_MS, untilDue));
  }

  // NOTE: a response that happened before the due time but is consumed after it cannot stop
  // the breach event; sla.met then reports breached=false for the same clock.
  private async fireBatch(): Promise<number> {
    const firedAt = this.time.now();

    return this.dataSource.transaction(async (manager) => {
      const rows: DueAlertRow[] = await manager.query(
        `SELECT a."id", a."clock_id", a."ticket_id", a."alert_type", a."threshold_key", a."due_at",
                c."kind", c."due_at" AS "clock_due_at", t."snapshot", p."name" AS "policy_name"
           FROM "${SCHEMA}"."alert" a
           JOIN "${SCHEMA}"."clock" c ON c."id" = a."clock_id"
           JOIN "${SCHEMA}"."ticket" t ON t."ticket_id" = a."ticket_id"
           LEFT JOIN "${SCHEMA}"."policy" p ON p."id" = c."policy_id"
          WHERE a."fired_at" IS NULL AND a."due_at" <= $1
          ORDER BY a."due_at"
          LIMIT $2
          FOR UPDATE OF a SKIP LOCKED`,
        [firedAt.toISOString(), this.settings.batchSize],
      );
      if (rows.length === 0) return 0;

      await this.publish(manager, rows.filter((row) => row.alert_type === 'warning'), SlaEvents.warning, firedAt);
      await this.publish(manager, rows.filter((row) => row.alert_type === 'breach'), SlaEvents.breached, firedAt);
      await this.markFired(manager, rows, firedAt);

      return rows.length;
    });
  }

  private async publish(
    manager: EntityManager,
    rows: DueAlertRow[],
    definition: EventDefinition<SlaClockAlertPayload>,
    firedAt: Date,
  ): Promise<void> {
    await this.outbox.recordMany(
      manager,
      definition,
      rows.map((row) => ({
        subject: row.ticket_id,
        actor: 'system',
        data: {
          ticketId: row.ticket_id,
          clockId: row.clock_id,
          kind: row.kind,
          // A warning names the clock's due time; a breach is due at its own time.
          dueAt: new Date(row.alert_type === 'breach' ? row.due_at : (row.clock_due_at ?? row.due_at)).toISOString(),
          scheduledAt: new Date(row.due_at).toISOString(),
          firedAt: firedAt.toISOString(),
          policyName: row.policy_name,
          ticket: row.snapshot,
        },
      })),
    );
  }

  private async markFired(manager: EntityManager, rows: DueAlertRow[], firedAt: Date): Promise<void> {
    await manager.query(`UPDATE "${SCHEMA}"."alert" SET "fired_at" = $2 WHERE "id" = ANY($1::bigint[])`, [
      rows.map((row) => row.id),
      firedAt.toISOString(),
    ]);
    const breaches = rows.filter((row) => row.alert_type === 'breach');
    if (breaches.length > 0) {
      await manager.query(`UPDATE "${SCHEMA}"."clock" SET "breached" = true, "updated_at" = now() WHERE "id" = ANY($1::uuid[])`, [
        breaches.map((row) => row.clock_id),
      ]);
    }
    await manager.query(
      `INSERT INTO "${SCHEMA}"."clock_event" ("clock_id", "ticket_id", "type", "at", "details")
       SELECT fired.clock_id, fired.ticket_id, fired.type, fired.at, jsonb_build_object('thresholdKey', fired.threshold_key)
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::text[])
           AS fired (clock_id, ticket_id, type, at, threshold_key)`,
      [
        rows.map((row) => row.clock_id),
        rows.map((row) => row.ticket_id),
        rows.map((row) => (row.alert_type === 'breach' ? 'breached' : 'warned')),
        rows.map((row) => new Date(row.due_at).toISOString()),
        rows.map((row) => row.threshold_key),
      ],
    );
  }

  private sleep(milliseconds: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.timer = setTimeout(resolve, milliseconds);
    });
  }
}
