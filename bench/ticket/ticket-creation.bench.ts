/**
 * Ticket creation over HTTP against the same rows inserted directly in SQL.
 *
 * Starts the real ticket service in a process of its own (service-process.ts) on a fresh
 * database on the DATABASE_URL server, with the Kafka broker in KAFKA_BROKERS. It creates
 * BENCH_TICKETS tickets with one article each through `POST /api/v1/tickets`, with
 * BENCH_CONCURRENCY requests in flight over keep-alive connections. Then it inserts the same rows
 * (number counter, ticket, article, history, outbox event, the JSON of the last two copied from
 * rows the service wrote) with plain SQL from this process at the same concurrency and pool
 * size. The two sides alternate in BENCH_ROUNDS rounds. It prints throughput and latency
 * percentiles of both, and last the ratio of the HTTP rate to the SQL rate. An HTTP round lasts
 * until the outbox relay has published all of its events to Kafka.
 */
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { Pool as HttpPool } from 'undici';
import {
  DEV_ADMIN_EMAIL,
  DEV_ADMIN_PASSWORD,
} from '../../services/ticket/src/people/admin-seed.service';
import { insertDirectly, samplePayloads } from './direct-insert';
import { addCpu, CpuTimes, cpuPerTicket, cpuSpent, ownCpuMs, postgresCpuMs } from './cpu-time';
import { combine, measure, Measurement, median, report } from './measure';

/** The messages the service process (service-process.mjs) sends to the benchmark. */
type ServiceMessage =
  | { type: 'ready'; url: string; databaseUrl: string }
  | { type: 'cpu'; ms: number };

const TICKETS = Number(process.env.BENCH_TICKETS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/** Active automation rules on creation, which never fire but make creations run the rules. */
const RULES = Number(process.env.BENCH_RULES ?? 0);
/** Extra Node options for the service process only, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`. */
const SERVICE_NODE_OPTIONS = (process.env.BENCH_SERVICE_NODE_OPTIONS ?? '')
  .split(' ')
  .filter(Boolean);

interface ServiceProcess {
  url: string;
  databaseUrl: string;
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

async function startService(): Promise<ServiceProcess> {
  const child = fork(join(__dirname, 'service-process.mjs'), [], {
    execArgv: SERVICE_NODE_OPTIONS,
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const next = <T extends ServiceMessage['type']>(type: T) =>
    new Promise<Extract<ServiceMessage, { type: T }>>((resolve, reject) => {
      const onMessage = (message: ServiceMessage) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        resolve(message as Extract<ServiceMessage, { type: T }>);
      };
      child.on('message', onMessage);
      void exited.then(() => reject(new Error('the service process exited')));
    });
  const ready = await next('ready');

  return {
    url: ready.url,
    databaseUrl: ready.databaseUrl,
    cpuMs: async () => {
      const reply = next('cpu');
      child.send('cpu');

      return (await reply).ms;
    },
    stop: async () => {
      child.send('stop');
      await exited;
    },
  };
}

/** Waits until the outbox contains no unpublished event; returns the seconds waited. */
async function secondsUntilPublished(pool: Pool): Promise<number> {
  const started = performance.now();
  for (;;) {
    const { rows } = await pool.query(
      `SELECT EXISTS (SELECT 1 FROM "ticket"."outbox_event" WHERE "published_at" IS NULL) AS "pending"`,
    );
    if (!rows[0].pending) return (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

async function main(): Promise<void> {
  const service = await startService();
  const http = new HttpPool(service.url, { connections: CONCURRENCY });
  const pool = new Pool({
    connectionString: service.databaseUrl,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  });
  try {
    const send = async (method: 'POST' | 'PUT', path: string, body: unknown, token?: string) => {
      const response = await http.request({
        method,
        path,
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
      const text = await response.body.text();

      return { status: response.statusCode, body: JSON.parse(text) };
    };
    const post = (path: string, body: unknown, token?: string) => send('POST', path, body, token);
    const login = async (email: string, password: string) =>
      (await post('/api/v1/auth/login', { email, password })).body.accessToken as string;
    const admin = await login(DEV_ADMIN_EMAIL, DEV_ADMIN_PASSWORD);
    const queue = await post('/api/v1/queues', { name: 'Bench' }, admin);
    const customer = await post(
      '/api/v1/customers',
      { email: 'bench@example.org', name: 'Bench Customer' },
      admin,
    );
    // Tickets are logged by an agent who may write in the queue, the common case, which checks
    // the agent's queue permission on every creation.
    const agent = { email: 'agent@bench.example', password: 'bench-agent-password' };
    const created = await post(
      '/api/v1/agents',
      { ...agent, name: 'Bench Agent', role: 'agent' },
      admin,
    );
    await send(
      'PUT',
      `/api/v1/queues/${queue.body.id}/members/${created.body.id}`,
      { permission: 'write' },
      admin,
    );
    const token = await login(agent.email, agent.password);
    for (let rule = 0; rule < RULES; rule += 1) {
      await post(
        '/api/v1/automation/rules',
        {
          name: `Bench rule ${rule}`,
          triggers: ['create'],
          conditions: [{ field: 'subject', operator: 'matches', values: [`^never-${rule}-\\d+$`] }],
          actions: { addTags: ['never'] },
        },
        admin,
      );
    }
    const createOverHttp = async (index: number) => {
      const response = await post(
        '/api/v1/tickets',
        {
          title: `HTTP ${index}`,
          queueId: queue.body.id,
          customerId: customer.body.id,
          article: { bodyText: `Body ${index}` },
        },
        token,
      );
      if (response.status !== 201)
        throw new Error(`create failed: ${response.status} ${JSON.stringify(response.body)}`);
    };

    await measure(WARMUP, CONCURRENCY, createOverHttp);
    const payloads = await samplePayloads(pool);
    const insertOverSql = (index: number) =>
      insertDirectly(pool, payloads, queue.body.id, customer.body.id, index);
    await measure(WARMUP, CONCURRENCY, (index) => insertOverSql(-index));

    // The two sides take turns in rounds, so that load from other programs on a shared machine
    // falls on both alike instead of on whichever side happened to run during it.
    const perRound = Math.ceil(TICKETS / ROUNDS);
    const overHttp: Measurement[] = [];
    const overSql: Measurement[] = [];
    const cpuTimes = async (): Promise<CpuTimes> => ({
      bench: ownCpuMs(),
      service: await service.cpuMs(),
      postgres: await postgresCpuMs(pool),
    });
    let httpCpu: CpuTimes = { bench: 0, service: 0, postgres: 0 };
    let sqlCpu: CpuTimes = { bench: 0, service: 0, postgres: 0 };
    for (let round = 0; round < ROUNDS; round += 1) {
      const offset = round * perRound;
      const beforeHttp = await cpuTimes();
      const measured = await measure(perRound, CONCURRENCY, (index) =>
        createOverHttp(offset + index),
      );
      // A round ends when the relay has published its events, so a relay that falls behind
      // cannot push its work into the next SQL round.
      measured.seconds += await secondsUntilPublished(pool);
      overHttp.push(measured);
      const beforeSql = await cpuTimes();
      httpCpu = addCpu(httpCpu, cpuSpent(beforeHttp, beforeSql));
      overSql.push(await measure(perRound, CONCURRENCY, (index) => insertOverSql(offset + index)));
      sqlCpu = addCpu(sqlCpu, cpuSpent(beforeSql, await cpuTimes()));
    }

    console.log(
      `tickets ${perRound * ROUNDS} in ${ROUNDS} rounds, concurrency ${CONCURRENCY}, warm-up ${WARMUP} each, ` +
        `${RULES} rules; ` +
        `load average ${loadavg()
          .map((load) => load.toFixed(1))
          .join(' ')}`,
    );
    const roundRatios = overHttp.map((round, index) => overSql[index].seconds / round.seconds);
    console.log(`ratio per round: ${roundRatios.map((ratio) => ratio.toFixed(2)).join(' ')}`);
    const httpRate = report('HTTP POST /api/v1/tickets', combine(overHttp));
    const sqlRate = report('direct SQL inserts       ', combine(overSql));
    console.log(cpuPerTicket('HTTP', httpCpu, perRound * ROUNDS));
    console.log(cpuPerTicket('SQL ', sqlCpu, perRound * ROUNDS));
    console.log(
      `ratio HTTP/SQL throughput: ${(httpRate / sqlRate).toFixed(2)}, median of rounds ${median(roundRatios).toFixed(2)} (target >= 0.5)`,
    );
  } finally {
    await pool.end();
    await http.close();
    await service.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
