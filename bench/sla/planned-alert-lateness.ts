/**
 * Lateness of SLA alerts that are planned while the alert worker sleeps. One ticket at a time
 * arrives over Kafka with a first-response breach due BENCH_LEAD_MS after it is published, and
 * the next ticket follows once that breach has fired. Prints the lateness percentiles last.
 *
 * Run from the repository root (Postgres in DATABASE_URL, Kafka in KAFKA_BROKERS):
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres KAFKA_BROKERS=127.0.0.1:9092 LOG_LEVEL=warn TS_NODE_TRANSPILE_ONLY=true npx ts-node -r tsconfig-paths/register -P tsconfig.json -O '{"noEmit":false}' bench/sla/planned-alert-lateness.ts
 *
 * Settings: BENCH_ALERTS (40), BENCH_LEAD_MS (400), and the service setting
 * SLA_ALERT_POLL_INTERVAL_MS (1000).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { TicketEvents } from '@deskflow/contracts';
import { startServiceHarness, waitFor } from '@deskflow/testing';
import { alertWorkerSettings } from '../../services/sla/src/alerts/alert-worker.service';
import { createAppModule } from '../../services/sla/src/app.module';
import { serviceAppOptions } from '../../services/sla/src/service.config';
import { SystemTimeSource } from '../../services/sla/src/time/time-source';
import {
  article,
  createCalendarAndPolicy,
  TicketEventPublisher,
  ticketSnapshot,
} from '../../services/sla/test/sla-test-kit';
import { SlaTables } from '../../services/sla/test/sla-tables';
import { percentile } from '../percentile';

const ALERTS = Number(process.env.BENCH_ALERTS ?? 40);
const LEAD_MS = Number(process.env.BENCH_LEAD_MS ?? 400);
const TARGET_MS = 60_000;

async function main(): Promise<void> {
  const started = await startServiceHarness({
    ...serviceAppOptions,
    module: createAppModule(new SystemTimeSource()),
  });
  const tables = new SlaTables(started.db.url);
  const publisher = new TicketEventPublisher();
  await publisher.connect();

  try {
    const queueId = randomUUID();
    await createCalendarAndPolicy(
      started,
      { timeZone: 'UTC', alwaysOpen: true },
      { queueIds: [queueId], firstResponseMinutes: TARGET_MS / 60_000, warnings: [] },
    );

    const lateness: number[] = [];
    // The first round only warms up the consumer group, whose join can take seconds.
    for (let index = 0; index <= ALERTS; index++) {
      const createdAt = new Date(Date.now() - TARGET_MS + LEAD_MS).toISOString();
      const ticket = ticketSnapshot({ queueId, createdAt, updatedAt: createdAt });
      await publisher.publish(TicketEvents.created, {
        ticket,
        article: article({ createdAt }),
      });
      await waitFor(async () => (await tables.outboxCount('sla.breached', ticket.id)) === 1, {
        timeoutMs: 30_000,
        intervalMs: 20,
        what: `the breach of ticket ${ticket.id}`,
      });
      const [breach] = await tables.outboxData('sla.breached', [ticket.id]);
      if (index > 0) lateness.push(Date.parse(breach.firedAt) - Date.parse(breach.scheduledAt));
    }

    lateness.sort((left, right) => left - right);
    console.log(
      `alerts: ${ALERTS}, each due ${LEAD_MS} ms after its event is published, poll interval: ${alertWorkerSettings().pollIntervalMs} ms`,
    );
    console.log(
      `lateness (firing time minus due time): p50 ${percentile(lateness, 0.5)} ms, p90 ${percentile(lateness, 0.9)} ms, max ${lateness[lateness.length - 1]} ms`,
    );
  } finally {
    await publisher.disconnect();
    await tables.end();
    await started.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
