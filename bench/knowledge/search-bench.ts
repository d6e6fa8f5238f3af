/**
 * Search and suggestion latency of the knowledge service over HTTP with 20 concurrent clients,
 * next to the time of the search SQL sent straight to Postgres (prepared, as the service sends
 * it). See RESULTS.md for the recorded runs.
 *
 * Workloads (workload.ts, fixed seed):
 * - Search: BENCH_DISTINCT_QUERIES (1000) distinct queries of the kinds a help-desk portal receives,
 *   drawn with Zipf's law (exponent BENCH_ZIPF_EXPONENT, 1), so a few are frequent and most
 *   are rare. The same sequence runs once with the result cache turned off and once on a
 *   second replica with a cold cache, whose hit rate is printed.
 * - Suggestions: a new ticket text per request, which a cache would not help.
 *
 * Run: bench/knowledge/run.sh   (needs Postgres in DATABASE_URL and Kafka in KAFKA_BROKERS)
 * Each row is measured after BENCH_WARM_UP_REQUESTS of its own kind that share no query or
 * ticket with it. Every pool connection has then prepared its statements, and V8 has optimized
 * the request path, as in a service that has been running for a while.
 *
 * Settings: BENCH_ARTICLES (100000), BENCH_CONCURRENCY (20), BENCH_REQUESTS (2000 per row),
 * BENCH_WARM_UP_REQUESTS (3000 per row), BENCH_DATABASE_URL (an existing database to reuse: it is
 * migrated, seeded only while it has no articles, and kept afterwards, so repeated runs skip the
 * seeding).
 */
import { loadavg } from 'node:os';
import { Client } from 'pg';
import { ServiceHarness, startServiceHarness, useTestKafka } from '@deskflow/testing';
import { serviceAppOptions } from '../../services/knowledge/src/service.config';
import { buildSearchSql } from '../../services/knowledge/src/search/search-sql';
import { toSearchTerms } from '../../services/knowledge/src/search/search-terms';
import {
  SEARCH_SESSION_OPTIONS,
  statementName,
} from '../../services/knowledge/src/search/search-pool';
import { BenchClient } from './http-client';
import { measure, report } from './measure';
import { PostgresCpu } from './postgres-cpu';
import { seedWhenEmpty } from './seed';
import {
  BENCH_SEED,
  distinctQueries,
  randomSource,
  randomTicket,
  SearchQuery,
  Ticket,
  zipfSampler,
} from './workload';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 100_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2_000);
const DISTINCT_QUERIES = Number(process.env.BENCH_DISTINCT_QUERIES ?? 1_000);
const ZIPF_EXPONENT = Number(process.env.BENCH_ZIPF_EXPONENT ?? 1);
const WARM_UP_REQUESTS = Number(process.env.BENCH_WARM_UP_REQUESTS ?? 3_000);
const REUSED_DATABASE_URL = process.env.BENCH_DATABASE_URL;
/** Seed of the warm-up requests, which differ from the measured ones. */
const WARM_UP_SEED = BENCH_SEED + 1;

/**
 * Returns `count` warm-up queries of the workload's kinds, none of which the measured sequence
 * sends, so warming up the cached replica adds no hits to its row.
 */
function warmUpQueries(measured: SearchQuery[], count: number, random: () => number) {
  const key = (query: SearchQuery) => `${query.locale} ${query.q.toLowerCase()}`;
  const measuredKeys = new Set(measured.map(key));
  const candidates = distinctQueries(measured.length * 2, random).filter(
    (query) => !measuredKeys.has(key(query)),
  );

  return Array.from({ length: count }, (_, index) => candidates[index % candidates.length]);
}

/** Boots the service on a fresh database, or on BENCH_DATABASE_URL, which closing keeps. */
async function startService(env: Record<string, string>): Promise<ServiceHarness> {
  if (!REUSED_DATABASE_URL) return startServiceHarness(serviceAppOptions, env);

  const db = { url: REUSED_DATABASE_URL, drop: async () => undefined };

  return startServiceHarness(serviceAppOptions, env, {
    shareWith: { db, kafka: await useTestKafka() },
  });
}

/** Reads the process-wide count of cache hits or misses from the service's /metrics. */
async function cacheCount(client: BenchClient, result: 'hit' | 'miss'): Promise<number> {
  const metrics = await client.send('GET', '/metrics');
  const prefix = `knowledge_search_cache_requests_total{result="${result}"} `;
  const line = metrics.split('\n').find((text) => text.startsWith(prefix));

  return line ? Number(line.slice(prefix.length)) : 0;
}

const searchPath = (query: SearchQuery) => `/api/v1/search?${new URLSearchParams({ ...query })}`;

/** Times the narrow search statement of each query on one connection, as the service sends it. */
async function measureSql(databaseUrl: string, queries: SearchQuery[], postgres: PostgresCpu) {
  const client = new Client({ connectionString: databaseUrl, options: SEARCH_SESSION_OPTIONS });
  await client.connect();
  try {
    const statements = queries.map(({ q, locale }) =>
      buildSearchSql(
        toSearchTerms(q),
        { status: 'published', visibility: 'public', locale },
        { limit: 10, broad: false },
      ),
    );
    const run = (index: number) => {
      const { sql, params } = statements[index];

      return client.query({ name: statementName(sql), text: sql, values: params });
    };
    await measure(WARM_UP_REQUESTS, 1, (index) => run(index % statements.length));

    return await measure(statements.length, 1, run, postgres);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  process.env.LOG_LEVEL ??= 'warn';
  process.env.KAFKA_BROKERS ??= '127.0.0.1:9092';
  // Every benchmark client is anonymous on 127.0.0.1; the per-address limit would reject them with 429.
  process.env.KNOWLEDGE_ANONYMOUS_REQUESTS_PER_MINUTE ??= '100000000';
  const cacheMegabytes = process.env.KNOWLEDGE_SEARCH_CACHE_MB;

  const random = randomSource(BENCH_SEED);
  const queries = distinctQueries(DISTINCT_QUERIES, random);
  const nextQuery = zipfSampler(queries.length, ZIPF_EXPONENT, random);
  const sequence = Array.from({ length: REQUESTS }, () => queries[nextQuery()]);
  const tickets = Array.from({ length: REQUESTS }, () => randomTicket(random));
  const warmUpRandom = randomSource(WARM_UP_SEED);
  const warmUp = warmUpQueries(queries, WARM_UP_REQUESTS, warmUpRandom);
  const warmUpTickets = Array.from({ length: WARM_UP_REQUESTS }, () => randomTicket(warmUpRandom));
  console.log(
    `search workload: ${queries.length} distinct queries, Zipf exponent ${ZIPF_EXPONENT}, ` +
      `${REQUESTS} requests of ${new Set(sequence).size} distinct queries`,
  );

  // Both replicas start before the seed's statistics rebuild, which waits for their own
  // rebuilds at start, so none of those runs while requests are measured.
  const primary = await startService({ KNOWLEDGE_SEARCH_CACHE_MB: '0' });
  if (cacheMegabytes === undefined) delete process.env.KNOWLEDGE_SEARCH_CACHE_MB;
  else process.env.KNOWLEDGE_SEARCH_CACHE_MB = cacheMegabytes;
  const replica = await startServiceHarness(serviceAppOptions, {}, { shareWith: primary });
  const client = new BenchClient(primary.url, CONCURRENCY);
  const replicaClient = new BenchClient(replica.url, CONCURRENCY);
  const postgres = await PostgresCpu.connect(primary.db.url);
  try {
    await seedWhenEmpty(primary.db.url, ARTICLES);
    const searchOn = (target: BenchClient, list: SearchQuery[]) => (index: number) =>
      target.send('GET', searchPath(list[index]));

    await measure(warmUp.length, CONCURRENCY, searchOn(client, warmUp));
    const uncached = await measure(REQUESTS, CONCURRENCY, searchOn(client, sequence), postgres);
    report('HTTP search, cache off', uncached);
    const suggest = (list: Ticket[]) => (index: number) =>
      client.send('POST', '/api/v1/suggestions', list[index]);
    await measure(warmUpTickets.length, CONCURRENCY, suggest(warmUpTickets));
    const suggestions = await measure(REQUESTS, CONCURRENCY, suggest(tickets), postgres);
    report('HTTP suggestions, distinct tickets', suggestions);

    await measure(warmUp.length, CONCURRENCY, searchOn(replicaClient, warmUp));
    const hitsBefore = await cacheCount(replicaClient, 'hit');
    const missesBefore = await cacheCount(replicaClient, 'miss');
    const cached = await measure(
      REQUESTS,
      CONCURRENCY,
      searchOn(replicaClient, sequence),
      postgres,
    );
    const hits = (await cacheCount(replicaClient, 'hit')) - hitsBefore;
    const misses = (await cacheCount(replicaClient, 'miss')) - missesBefore;
    report(`HTTP search, cache on (${((100 * hits) / (hits + misses)).toFixed(1)} % hits)`, cached);

    report('raw SQL search, 1 connection', await measureSql(primary.db.url, sequence, postgres));
    console.log(
      `load average: ${loadavg()
        .map((value) => value.toFixed(2))
        .join(' ')}`,
    );
    console.log(
      `p99 at ${CONCURRENCY} clients over ${ARTICLES} articles (target < 50 ms): search ` +
        `${cached.p99.toFixed(1)} ms with the cache, ${uncached.p99.toFixed(1)} ms without; ` +
        `suggestions ${suggestions.p99.toFixed(1)} ms`,
    );
  } finally {
    await postgres.close();
    client.close();
    replicaClient.close();
    await replica.close();
    await primary.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
