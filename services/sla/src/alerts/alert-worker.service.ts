import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { EventDefinition, SlaClockAlertPayload, SlaEvents } from '@deskflow/contracts';
import { Outbox } from '@deskflow/messaging';
import { rootLogger } from '@deskflow/observability';
import { SCHEMA } from '../database/schema';
import { TimeSource } from '../time/time-source';
import { AlertPlannedListener } from './alert-planned-listener';
import { AlertType } from './alert.entity';

interface ClaimedAlert {
  id: string;
  alert_type: AlertType;
}

const EVENT_BY_ALERT_TYPE = new Map<AlertType, EventDefinition<SlaClockAlertPayload>>([
  ['warning', SlaEvents.warning],
  ['breach', SlaEvents.breached],
]);

/** Formats a timestamptz expression in SQL as JavaScript's toISOString() does. */
function isoText(expression: string): string {
  return `to_char((${expression}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** Keeps a worker from spinning on rows that another replica holds locked. */
const MIN_WAIT_MS = 20;

export interface AlertWorkerSettings {
  pollIntervalMs: number;
  batchSize: number;
  /** Batches one instance fires at the same time; SKIP LOCKED gives each its own rows. */
  concurrency: number;
  enabled: boolean;
}

export function alertWorkerSettings(env: NodeJS.ProcessEnv = process.env): AlertWorkerSettings {
  return {
    pollIntervalMs: Number(env.SLA_ALERT_POLL_INTERVAL_MS ?? 1000),
    batchSize: Number(env.SLA_ALERT_BATCH_SIZE ?? 1000),
    concurrency: Math.max(1, Number(env.SLA_ALERT_CONCURRENCY ?? 2)),
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
  private listener: AlertPlannedListener | undefined;
  /** Monotonic clock reading (performance.now) at which the sleeping worker wakes. */
  private wakeAt: number | undefined;
  /** Set when an alert due before the next poll was planned while the worker was awake. */
  private plannedMeanwhile = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly time: TimeSource,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.settings.enabled) return;

    const databaseUrl = (this.dataSource.options as { url?: string }).url;
    if (databaseUrl) {
      this.listener = new AlertPlannedListener(databaseUrl, (dueAtMs) => this.onPlanned(dueAtMs));
    } else {
      this.logger.warn('no database URL to listen on, so new alerts wait for the next poll');
    }
    this.running = this.loop();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
    await this.listener?.stop();
  }

  /**
   * Fires the alerts due at the current time and returns how many this call fired. It skips
   * rows that another worker has claimed, without waiting, because that worker fires them.
   */
  async fireDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const fired = await this.fireBatch();
      total += fired;
      if (fired < this.settings.batchSize) return total;
    }
  }

  private async loop(): Promise<void> {
    this.logger.info(this.settings, 'alert worker started');
    while (!this.stopping) {
      let waitMs = this.settings.pollIntervalMs;
      await this.listener?.listen().catch((error: unknown) => {
        this.logger.warn({ err: error }, 'listening for planned alerts failed, polling meanwhile');
      });
      try {
        await Promise.all(Array.from({ length: this.settings.concurrency }, () => this.fireDue()));
        this.plannedMeanwhile = false;
        waitMs = await this.millisUntilNextDue();
      } catch (error) {
        this.plannedMeanwhile = false;
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
    return this.dataSource.transaction(async (manager) => {
      // Read once a connection is held, so alerts falling due while waiting for the pool fire
      // now rather than at the next poll.
      const firedAt = this.time.now();
      const claimed = await this.claimAndMark(manager, firedAt);
      if (claimed.length === 0) return 0;

      for (const [alertType, definition] of EVENT_BY_ALERT_TYPE) {
        const ids = claimed
          .filter((alert) => alert.alert_type === alertType)
          .map((alert) => alert.id);
        if (ids.length > 0) await this.publish(manager, ids, definition, firedAt);
      }

      return claimed.length;
    });
  }

  /**
   * Claims due alerts and, in the same statement, marks them fired, flags breached clocks and
   * writes the clock history. It also locks each alert's clock and skips alerts whose clock
   * is locked. Ticket events and policy changes lock the clock before its alerts, so a worker
   * that waited for the clock while holding the alert would deadlock with them.
   */
  private claimAndMark(manager: EntityManager, firedAt: Date): Promise<ClaimedAlert[]> {
    return manager.query(
      `WITH due AS (
         SELECT a."id", a."clock_id", a."ticket_id", a."alert_type", a."threshold_key", a."due_at"
           FROM "${SCHEMA}"."alert" a
           JOIN "${SCHEMA}"."clock" c ON c."id" = a."clock_id"
          WHERE a."fired_at" IS NULL AND a."due_at" <= $1
          ORDER BY a."due_at"
          LIMIT $2
          FOR UPDATE OF a, c SKIP LOCKED),
       fired AS (
         UPDATE "${SCHEMA}"."alert" a SET "fired_at" = $1 FROM due WHERE a."id" = due."id"),
       breached AS (
         UPDATE "${SCHEMA}"."clock" c SET "breached" = true, "updated_at" = now()
           FROM due WHERE c."id" = due."clock_id" AND due."alert_type" = 'breach'),
       history AS (
         INSERT INTO "${SCHEMA}"."clock_event" ("clock_id", "ticket_id", "type", "at", "details")
         SELECT "clock_id", "ticket_id", CASE WHEN "alert_type" = 'breach' THEN 'breached' ELSE 'warned' END,
                "due_at", jsonb_build_object('thresholdKey', "threshold_key")
           FROM due)
       SELECT "id", "alert_type" FROM due`,
      [firedAt.toISOString(), this.settings.batchSize],
    );
  }

  /** Records one event per claimed alert; Postgres builds the payloads from the stored rows. */
  private async publish(
    manager: EntityManager,
    alertIds: string[],
    definition: EventDefinition<SlaClockAlertPayload>,
    firedAt: Date,
  ): Promise<void> {
    await this.outbox.recordSelected(manager, definition, {
      // A warning names the clock's due time; a breach is due at its own time.
      selectSql: `
        SELECT a."ticket_id"::text AS "subject",
               jsonb_build_object(
                 'ticketId', a."ticket_id", 'clockId', a."clock_id", 'kind', c."kind",
                 'dueAt', ${isoText(`CASE WHEN a."alert_type" = 'breach' THEN a."due_at" ELSE coalesce(c."due_at", a."due_at") END`)},
                 'scheduledAt', ${isoText('a."due_at"')}, 'firedAt', $2::text,
                 'policyName', p."name", 'ticket', t."snapshot") AS "data"
          FROM "${SCHEMA}"."alert" a
          JOIN "${SCHEMA}"."clock" c ON c."id" = a."clock_id"
          JOIN "${SCHEMA}"."ticket" t ON t."ticket_id" = a."ticket_id"
          LEFT JOIN "${SCHEMA}"."policy" p ON p."id" = c."policy_id"
         WHERE a."id" = ANY($1::bigint[])
         ORDER BY a."due_at", a."id"`,
      params: [alertIds, firedAt.toISOString()],
      actor: 'system',
    });
  }

  /** Wakes the worker early for an alert due before it would look at the table again. */
  private onPlanned(dueAtMs: number): void {
    // Compared as time left, so a test that moves its time source still wakes the worker.
    const untilDue = dueAtMs - this.time.now().getTime();
    if (this.wakeAt === undefined) {
      // Awake: the next due time may already be computed, so look again before sleeping.
      if (untilDue < this.settings.pollIntervalMs) this.plannedMeanwhile = true;
    } else if (untilDue < this.wakeAt - performance.now()) {
      this.wake?.();
    }
  }

  private sleep(milliseconds: number): Promise<void> {
    if (this.stopping || this.plannedMeanwhile) return Promise.resolve();

    this.wakeAt = performance.now() + milliseconds;
    return new Promise((resolve) => {
      this.wake = () => {
        clearTimeout(this.timer);
        this.wake = undefined;
        this.wakeAt = undefined;
        resolve();
      };
      this.timer = setTimeout(this.wake, milliseconds);
    });
  }
}
