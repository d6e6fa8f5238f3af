/**
 * Alert lateness of the SLA service: 100,000 running clocks, of which 10,000 breach in the same
 * second, fired by the alert workers of two service instances on one database. Also measures the
 * cost of a ticket event, end to end over Kafka and inside the service alone. Prints the p99
 * lateness and the time to fire all breaches last.
 *
 * Run from the repository root (Postgres in DATABASE_URL, Kafka in KAFKA_BROKERS):
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres KAFKA_BROKERS=127.0.0.1:9092 LOG_LEVEL=warn TS_NODE_TRANSPILE_ONLY=true npx ts-node -r tsconfig-paths/register -P tsconfig.json -O '{"noEmit":false}' bench/sla/alert-lateness.ts
 *
 * Settings: BENCH_CLOCKS (100000), BENCH_BREACHES (10000), BENCH_INSTANCES (2), BENCH_EVENTS (2000),
 * and the service settings SLA_ALERT_POLL_INTERVAL_MS (1000), SLA_ALERT_BATCH_SIZE (1000), SLA_ALERT_CONCURRENCY (2).
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { TicketEvents } from '@deskflow/contracts';
import { ServiceHarness, startServiceHarness, waitFor } from '@deskflow/testing';
import { alertWorkerSettings } from '../../services/sla/src/alerts/alert-worker.service';
import { createAppModule } from '../../services/sla/src/app.module';
import { serviceAppOptions } from '../../services/sla/src/service.config';
import { TicketEventApplier } from '../../services/sla/src/tickets/ticket-event-applier.service';
import { SystemTimeSource } from '../../services/sla/src/time/time-source';
import {
  article,
  createCalendarAndPolicy,
  startReplica,
  TicketEventPublisher,
  ticketSnapshot,
} from '../../services/sla/test/sla-test-kit';
import { percentile } from '../percentile';

const CLOCKS = Number(process.env.BENCH_CLOCKS ?? 100_000);
const BREACHES = Number(process.env.BENCH_BREACHES ?? 10_000);
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 2);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 2_000);

/** Inserts tickets with one running first-response clock and its pending breach alert each. */
async function seedClocks(
  database: Client,
  policyId: string,
  calendarId: string,
  breachSecond: Date,
): Promise<void> {
  const snapshot = ticketSnapshot();
  await database.query(
    `WITH seeded AS (
       SELECT gen_random_uuid() AS ticket_id, gen_random_uuid() AS clock_id, g,
              CASE WHEN g <= $2 THEN $3::timestamptz ELSE $3::timestamptz + (g % 720 + 1) * interval '1 hour' END AS due_at
         FROM generate_series(1, $1) AS g),
     tickets AS (
       INSERT INTO "sla"."ticket" ("ticket_id", "number", "snapshot", "state_type", "priority", "type", "queue_id",
                                   "started_at", "snapshot_updated_at", "policy_id", "state_log")
       SELECT ticket_id, 'B-' || g, $4::jsonb || jsonb_build_object('id', ticket_id, 'number', 'B-' || g),
              'new', 'P3', 'incident', $5::uuid, now(), now(), $6::uuid,
              jsonb_build_array(jsonb_build_object('at', now(), 'stateType', 'new'))
         FROM seeded),
     clocks AS (
       INSERT INTO "sla"."clock" ("id", "ticket_id", "kind", "cycle", "policy_id", "calendar_id", "target_seconds",
                                  "started_at", "status", "due_at", "breached")
       SELECT clock_id, ticket_id, 'first_response', 1, $6::uuid, $7::uuid, 3600, now(), 'running', due_at, false
         FROM seeded)
     INSERT INTO "sla"."alert" ("clock_id", "ticket_id", "alert_type", "threshold_key", "due_at")
     SELECT clock_id, ticket_id, 'breach', 'breach', due_at FROM seeded`,
    [
      CLOCKS,
      BREACHES,
      breachSecond.toISOString(),
      JSON.stringify(snapshot),
      snapshot.queueId,
      policyId,
      calendarId,
    ],
  );
  await database.query('ANALYZE "sla"."alert"; ANALYZE "sla"."clock"; ANALYZE "sla"."ticket"');
}

/** Publishes ticket events over Kafka and returns the wall time until all of them were applied. */
async function measureKafkaEvents(
  database: Client,
  publisher: TicketEventPublisher,
): Promise<number> {
  const started = Date.now();
  const now = new Date().toISOString();
  await Promise.all(
    Array.from({ length: EVENTS }, () => {
      const ticket = ticketSnapshot({ createdAt: now, updatedAt: now });

      return publisher.publish(TicketEvents.created, {
        ticket,
        article: article({ createdAt: now }),
      });
    }),
  );
  await waitFor(
    async () =>
      (await database.query(`SELECT count(*)::int AS n FROM "sla"."inbox_event"`)).rows[0].n >=
      EVENTS,
    { timeoutMs: 600_000, intervalMs: 200, what: `${EVENTS} ticket events to be applied` },
  );

  return Date.now() - started;
}

/** Applies ticket events in-process, one transaction each, and returns the sorted durations in ms. */
async function measureApplyCost(app: NestFastifyApplication, count: number): Promise<number[]> {
  const applier = app.get(TicketEventApplier);
  const dataSource = app.get(DataSource);
  const durations: number[] = [];
  for (let index = 0; index < count; index++) {
    const now = new Date().toISOString();
    const ticket = ticketSnapshot({ createdAt: now, updatedAt: now });
    const started = process.hrtime.bigint();
    await dataSource.transaction((manager) =>
      applier.apply(manager, {
        snapshot: ticket,
        effectiveAt: new Date(now),
        created: true,
        article: article({ createdAt: now }),
      }),
    );
    durations.push(Number(process.hrtime.bigint() - started) / 1e6);
  }

  return durations.sort((left, right) => left - right);
}

async function main(): Promise<void> {
  const harness: ServiceHarness = await startServiceHarness({
    ...serviceAppOptions,
    module: createAppModule(new SystemTimeSource()),
  });
  const replicas: NestFastifyApplication[] = [];
  for (let index = 1; index < INSTANCES; index++)
    replicas.push(await startReplica(harness, new SystemTimeSource()));
  const database = new Client({ connectionString: harness.db.url });
  await database.connect();
  const publisher = new TicketEventPublisher();
  await publisher.connect();

  try {
    const { policyId, calendarId } = await createCalendarAndPolicy(
      harness,
      { timeZone: 'Europe/Berlin', alwaysOpen: true },
      {
        isDefault: true,
        firstResponseMinutes: 60,
        resolutionMinutes: 480,
        warnings: [{ percent: 80 }],
      },
    );

    const kafkaMs = await measureKafkaEvents(database, publisher);
    const applyCost = await measureApplyCost(harness.app, 500);

    const seedStarted = Date.now();
    const breachSecond = new Date(Math.ceil((Date.now() + 30_000) / 1000) * 1000);
    await seedClocks(database, policyId, calendarId, breachSecond);
    const seedMs = Date.now() - seedStarted;
    const running = (
      await database.query(
        `SELECT count(*)::int AS n FROM "sla"."clock" WHERE "status" = 'running'`,
      )
    ).rows[0].n;

    await waitFor(
      async () =>
        (
          await database.query(
            `SELECT count(*)::int AS n FROM "sla"."alert" WHERE "due_at" = $1 AND "fired_at" IS NOT NULL`,
            [breachSecond],
          )
        ).rows[0].n >= BREACHES,
      { timeoutMs: 120_000, intervalMs: 100, what: `${BREACHES} breaches to fire` },
    );
    await waitFor(
      async () =>
        (
          await database.query(
            `SELECT 1 FROM "sla"."outbox_event" WHERE "published_at" IS NULL LIMIT 1`,
          )
        ).rowCount === 0,
      { timeoutMs: 120_000, intervalMs: 100, what: 'the outbox to be relayed' },
    );

    const { rows } = await database.query(
      `SELECT extract(epoch FROM ("occurred_at" - ("data"->>'scheduledAt')::timestamptz)) * 1000 AS fired_ms,
              extract(epoch FROM ("published_at" - ("data"->>'scheduledAt')::timestamptz)) * 1000 AS published_ms
         FROM "sla"."outbox_event" WHERE "type" = 'sla.breached' AND ("data"->>'scheduledAt')::timestamptz = $1`,
      [breachSecond],
    );
    const fired = rows.map((row) => Number(row.fired_ms)).sort((left, right) => left - right);
    const published = rows
      .map((row) => Number(row.published_ms))
      .sort((left, right) => left - right);
    const duplicates = (
      await database.query(
        `SELECT count(*)::int AS n FROM (SELECT "data"->>'clockId' FROM "sla"."outbox_event" WHERE "type" = 'sla.breached' GROUP BY 1 HAVING count(*) > 1) repeated`,
      )
    ).rows[0].n;

    const { pollIntervalMs, batchSize, concurrency } = alertWorkerSettings();
    console.log(
      `instances: ${INSTANCES}, poll interval: ${pollIntervalMs} ms, batch: ${batchSize}, concurrent batches per instance: ${concurrency}`,
    );
    console.log(
      `ticket events over Kafka: ${EVENTS} in ${kafkaMs} ms = ${(kafkaMs / EVENTS).toFixed(2)} ms per event (${Math.round((EVENTS * 1000) / kafkaMs)}/s)`,
    );
    console.log(
      `ticket.created applied in-process: p50 ${percentile(applyCost, 0.5).toFixed(2)} ms, p99 ${percentile(applyCost, 0.99).toFixed(2)} ms`,
    );
    console.log(`seeded ${CLOCKS} clocks in ${seedMs} ms; running clocks: ${running}`);
    console.log(
      `breaches fired: ${fired.length} of ${BREACHES}, clocks with more than one breach event: ${duplicates}`,
    );
    console.log(
      `published to Kafka: p50 ${Math.round(percentile(published, 0.5))} ms, p99 ${Math.round(percentile(published, 0.99))} ms after the due time`,
    );
    console.log(
      `lateness (outbox record minus due time): p50 ${Math.round(percentile(fired, 0.5))} ms, p99 ${Math.round(percentile(fired, 0.99))} ms; all ${fired.length} fired within ${(fired[fired.length - 1] / 1000).toFixed(2)} s`,
    );
  } finally {
    await publisher.disconnect();
    await database.end();
    for (const replica of replicas) await replica.close();
    await harness.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
