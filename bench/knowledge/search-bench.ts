/**
 * Search and suggestion latency of the knowledge service over HTTP with 20 concurrent clients,
 * next to the time of the same search SQL sent straight to Postgres (prepared, as the service
 * sends it). Seeds 100,000 articles
 * into a fresh database and prints the p99 of HTTP search last.
 *
 * Run: bench/knowledge/run.sh   (needs Postgres in DATABASE_URL and Kafka in KAFKA_BROKERS)
 * Settings: BENCH_ARTICLES (100000), BENCH_CONCURRENCY (20), BENCH_REQUESTS (2000 per kind),
 * BENCH_DATABASE_URL (an existing database to reuse: it is migrated, seeded only while it has no
 * articles, and kept afterwards, so repeated runs skip the seeding).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { ServiceHarness, startServiceHarness, useTestKafka } from '@deskflow/testing';
import { BenchClient } from './http-client';
import { serviceAppOptions } from '../../services/knowledge/src/service.config';
import { buildSearchSql } from '../../services/knowledge/src/search/search-sql';
import { toSearchTerms } from '../../services/knowledge/src/search/search-terms';
import {
  SEARCH_SESSION_OPTIONS,
  statementName,
} from '../../services/knowledge/src/search/search-pool';
import { COMMON_TERM_MIN_DOCUMENTS } from '../../services/knowledge/src/suggestions/suggestion-sql';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 100_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2_000);
const REUSED_DATABASE_URL = process.env.BENCH_DATABASE_URL;

const QUERIES = [
  { q: 'Drucker einrichten', locale: 'de' },
  { q: 'Passwort zurücksetzen', locale: 'de' },
  { q: 'Netzwerk Verbindung Fehler', locale: 'de' },
  { q: 'Zertifikat', locale: 'de' },
  { q: 'Postfa', locale: 'de' },
  { q: 'printer driver', locale: 'en' },
  { q: 'reset password', locale: 'en' },
  { q: 'mailbox', locale: 'en' },
  { q: 'calend', locale: 'en' },
  { q: 'Artikel 4242', locale: 'de' },
  { q: 'wort17 wort230', locale: 'en' },
  { q: 'keyboard', locale: 'en' },
];

const TICKETS = [
  {
    subject: 'Drucker druckt nicht',
    body: 'Seit dem Update zeigt der Drucker einen Fehler und die Verbindung bricht ab.',
    locale: 'de',
  },
  {
    subject: 'Cannot login',
    body: 'My password was reset but the login still fails with an error on the account page.',
    locale: 'en',
  },
  {
    subject: 'Headset und Kamera',
    body: 'Im Meeting funktionieren Headset und Kamera nicht, Treiber neu installiert.',
    locale: 'de',
  },
];

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * fraction) - 1)];
}

function summary(label: string, samples: number[]): { p50: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const p50 = percentile(sorted, 0.5);
  const p99 = percentile(sorted, 0.99);
  console.log(
    `${label.padEnd(34)} n=${String(samples.length).padEnd(5)} p50 ${p50.toFixed(1).padStart(6)} ms   p99 ${p99.toFixed(1).padStart(6)} ms`,
  );

  return { p50, p99 };
}

/** Runs `total` calls of `task` on `concurrency` parallel workers; returns each call's milliseconds. */
async function measure(
  total: number,
  concurrency: number,
  task: (index: number) => Promise<unknown>,
): Promise<number[]> {
  const samples: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const index = next++;
      const started = performance.now();
      await task(index);
      samples.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));

  return samples;
}

/** Boots the service on a fresh database, or on BENCH_DATABASE_URL, which closing keeps. */
async function startService(): Promise<ServiceHarness> {
  if (!REUSED_DATABASE_URL) return startServiceHarness(serviceAppOptions);

  const db = { url: REUSED_DATABASE_URL, drop: async () => undefined };

  return startServiceHarness(
    serviceAppOptions,
    {},
    { shareWith: { db, kafka: await useTestKafka() } },
  );
}

async function seedWhenEmpty(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ count: number }>(
    'SELECT count(*)::int AS count FROM knowledge.article',
  );
  if (rows[0].count > 0) {
    console.log(`reusing ${rows[0].count} articles`);
  } else {
    const seedStarted = Date.now();
    execFileSync(
      'psql',
      [
        databaseUrl,
        '-q',
        '-v',
        'ON_ERROR_STOP=1',
        '-v',
        `count=${ARTICLES}`,
        '-f',
        join(__dirname, 'seed-articles.sql'),
      ],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    console.log(
      `seeded ${ARTICLES} articles in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`,
    );
  }
  // The service rebuilds these statistics at start, before the seed; a deployment would rebuild
  // them on its next interval.
  await client.query('SELECT knowledge.refresh_term_stats($1)', [COMMON_TERM_MIN_DOCUMENTS]);
  await client.end();
}

async function main(): Promise<void> {
  process.env.LOG_LEVEL ??= 'warn';
  process.env.KAFKA_BROKERS ??= '127.0.0.1:9092';
  // Every benchmark client is anonymous on 127.0.0.1; the per-address limit would reject them with 429.
  process.env.KNOWLEDGE_ANONYMOUS_REQUESTS_PER_MINUTE ??= '100000000';
  const harness = await startService();
  try {
    await seedWhenEmpty(harness.db.url);

    const client = new BenchClient(harness.url, CONCURRENCY);
    const get = (path: string) => client.send('GET', path);
    const searchPath = (index: number) =>
      `/api/v1/search?${new URLSearchParams(QUERIES[index % QUERIES.length])}`;
    for (let index = 0; index < QUERIES.length * 3; index += 1) await get(searchPath(index));

    const http = summary(
      'HTTP search (anonymous)',
      await measure(REQUESTS, CONCURRENCY, (index) => get(searchPath(index))),
    );
    const suggestions = summary(
      'HTTP suggestions (anonymous)',
      await measure(REQUESTS, CONCURRENCY, (index) =>
        client.send('POST', '/api/v1/suggestions', TICKETS[index % TICKETS.length]),
      ),
    );
    client.close();

    const sqlClient = new Client({
      connectionString: harness.db.url,
      options: SEARCH_SESSION_OPTIONS,
    });
    await sqlClient.connect();
    const statements = QUERIES.map(({ q, locale }) =>
      buildSearchSql(
        toSearchTerms(q),
        { status: 'published', visibility: 'public', locale },
        { limit: 10, broad: false },
      ),
    );
    const sql = summary(
      'raw SQL search (1 connection)',
      await measure(REQUESTS, 1, async (index) => {
        const statement = statements[index % statements.length];
        await sqlClient.query({
          name: statementName(statement.sql),
          text: statement.sql,
          values: statement.params,
        });
      }),
    );
    await sqlClient.end();

    console.log(
      `suggestions p50 ${suggestions.p50.toFixed(1)} ms, p99 ${suggestions.p99.toFixed(1)} ms; raw SQL search p50 ${sql.p50.toFixed(1)} ms`,
    );
    console.log(
      `HTTP search p99 at ${CONCURRENCY} clients over ${ARTICLES} articles: ${http.p99.toFixed(1)} ms (target < 50 ms)`,
    );
  } finally {
    await harness.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
