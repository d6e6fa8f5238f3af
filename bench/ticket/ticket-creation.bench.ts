/**
 * Ticket creation over HTTP against the same rows inserted directly in SQL.
 *
 * Boots the real ticket service on a fresh database on the DATABASE_URL server, with the Kafka
 * broker in KAFKA_BROKERS. It creates BENCH_TICKETS tickets with one article each through
 * `POST /api/v1/tickets`, with BENCH_CONCURRENCY requests in flight. Then it inserts the same
 * rows (number counter, ticket, article, history, outbox event, the JSON of the last two copied
 * from rows the service wrote) with plain SQL at the same concurrency and pool size. The two
 * sides alternate in BENCH_ROUNDS rounds. It prints throughput and latency percentiles of both, and last the
 * ratio of the HTTP rate to the SQL rate.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { startServiceHarness } from '@deskflow/testing';
import { serviceAppOptions } from '../../services/ticket/src/service.config';
import {
  DEV_ADMIN_EMAIL,
  DEV_ADMIN_PASSWORD,
} from '../../services/ticket/src/people/admin-seed.service';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

interface Measurement {
  seconds: number;
  latenciesMs: number[];
}

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];
}

function report(label: string, measurement: Measurement): number {
  const sorted = [...measurement.latenciesMs].sort((a, b) => a - b);
  const rate = sorted.length / measurement.seconds;
  console.log(
    `${label}: ${sorted.length} tickets in ${measurement.seconds.toFixed(2)} s = ${rate.toFixed(0)}/s; ` +
      `latency p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p99 ${percentile(sorted, 0.99).toFixed(1)} ms`,
  );

  return rate;
}

function combine(parts: Measurement[]): Measurement {
  return {
    seconds: parts.reduce((total, part) => total + part.seconds, 0),
    latenciesMs: parts.flatMap((part) => part.latenciesMs),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);

  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs `count` tasks with `concurrency` in flight and records each one's latency. */
async function measure(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<Measurement> {
  const latenciesMs: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const begin = performance.now();
      await task(index);
      latenciesMs.push(performance.now() - begin);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));

  return { seconds: (performance.now() - started) / 1000, latenciesMs };
}

/** The JSON the service stored for one of its tickets, so the SQL side writes rows of equal size. */
interface SamplePayloads {
  event: string;
  history: string;
}

async function samplePayloads(pool: Pool): Promise<SamplePayloads> {
  const event = await pool.query(
    `SELECT "data"::text AS "json" FROM "ticket"."outbox_event" WHERE "type" = 'ticket.created' LIMIT 1`,
  );
  const history = await pool.query(
    `SELECT "new_value"::text AS "json" FROM "ticket"."ticket_history" WHERE "field" = 'created' LIMIT 1`,
  );

  return { event: event.rows[0].json, history: history.rows[0].json };
}

async function insertDirectly(
  pool: Pool,
  payloads: SamplePayloads,
  queueId: string,
  customerId: string,
  index: number,
): Promise<void> {
  const counter = await pool.query(
    `INSERT INTO "ticket"."ticket_number_counter" AS c ("day", "last_value") VALUES (current_date + 1, 1)
     ON CONFLICT ("day") DO UPDATE SET "last_value" = c."last_value" + 1 RETURNING c."last_value"`,
  );
  const client = await pool.connect();
  try {
    const ticketId = randomUUID();
    const articleId = randomUUID();
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO "ticket"."ticket" ("id", "number", "title", "state", "state_type", "priority", "type", "channel", "queue_id", "customer_id")
       VALUES ($1, $2, $3, 'new', 'new', 'P3', 'incident', 'phone', $4, $5)`,
      [ticketId, `sql${counter.rows[0].last_value}`, `SQL ${index}`, queueId, customerId],
    );
    await client.query(
      `INSERT INTO "ticket"."article" ("id", "ticket_id", "origin_ticket_id", "kind", "sender_type", "visibility", "channel", "body_text")
       VALUES ($1, $2, $2, 'message', 'customer', 'public', 'phone', $3)`,
      [articleId, ticketId, `Body ${index}`],
    );
    await client.query(
      `INSERT INTO "ticket"."ticket_history" ("ticket_id", "actor", "field", "old_value", "new_value") VALUES ($1, 'bench', 'created', 'null', $2)`,
      [ticketId, payloads.history],
    );
    await client.query(
      `INSERT INTO "ticket"."outbox_event" ("id", "topic", "message_key", "type", "source", "dataschema", "actor", "correlation_id", "data", "published_at")
       VALUES ($1, 'bench', $2, 'ticket.created', 'bench', 'bench', 'bench', $3, $4, now())`,
      [randomUUID(), ticketId, randomUUID(), payloads.event],
    );
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}

async function main(): Promise<void> {
  process.env.LOG_LEVEL ??= 'warn';
  const harness = await startServiceHarness(serviceAppOptions);
  try {
    const login = await harness.request('POST', '/api/v1/auth/login', {
      body: { email: DEV_ADMIN_EMAIL, password: DEV_ADMIN_PASSWORD },
    });
    const token = login.body.accessToken as string;
    const queue = await harness.request('POST', '/api/v1/queues', {
      token,
      body: { name: 'Bench' },
    });
    const customer = await harness.request('POST', '/api/v1/customers', {
      token,
      body: { email: 'bench@example.org', name: 'Bench Customer' },
    });
    const createOverHttp = async (index: number) => {
      const response = await harness.request('POST', '/api/v1/tickets', {
        token,
        body: {
          title: `HTTP ${index}`,
          queueId: queue.body.id,
          customerId: customer.body.id,
          article: { bodyText: `Body ${index}` },
        },
      });
      if (response.status !== 201)
        throw new Error(`create failed: ${response.status} ${JSON.stringify(response.body)}`);
    };

    const pool = new Pool({
      connectionString: harness.db.url,
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    });
    await measure(WARMUP, CONCURRENCY, createOverHttp);
    const payloads = await samplePayloads(pool);
    const insertOverSql = (index: number) =>
      insertDirectly(pool, payloads, queue.body.id, customer.body.id, index);
    await measure(WARMUP, CONCURRENCY, (index) => insertOverSql(-index));

    // The two sides take turns in rounds, so that load from other programs on a shared machine
    // falls on both alike instead of on whichever side happened to run during it.
    const perRound = Math.ceil(TICKETS / ROUNDS);
    const http: Measurement[] = [];
    const sql: Measurement[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const offset = round * perRound;
      http.push(await measure(perRound, CONCURRENCY, (index) => createOverHttp(offset + index)));
      sql.push(await measure(perRound, CONCURRENCY, (index) => insertOverSql(offset + index)));
    }
    await pool.end();

    console.log(
      `tickets ${perRound * ROUNDS} in ${ROUNDS} rounds, concurrency ${CONCURRENCY}, warm-up ${WARMUP} each`,
    );
    const roundRatios = http.map((round, index) => sql[index].seconds / round.seconds);
    console.log(`ratio per round: ${roundRatios.map((ratio) => ratio.toFixed(2)).join(' ')}`);
    const httpRate = report('HTTP POST /api/v1/tickets', combine(http));
    const sqlRate = report('direct SQL inserts       ', combine(sql));
    console.log(
      `ratio HTTP/SQL throughput: ${(httpRate / sqlRate).toFixed(2)}, median of rounds ${median(roundRatios).toFixed(2)} (target >= 0.5)`,
    );
  } finally {
    await harness.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
