/**
 * Times every distinct query of the search workload on one connection, as the service runs it:
 * the narrow statement, and the broad one where the narrow one finds nothing. Prints the mean
 * and the slowest queries. Needs a seeded, migrated database (BENCH_DATABASE_URL), for example
 * one that bench/knowledge/run.sh kept.
 *
 * Run: BENCH_DATABASE_URL=postgres://… TS_NODE_TRANSPILE_ONLY=true \
 *   npx ts-node -r tsconfig-paths/register -P tsconfig.json bench/knowledge/query-costs.ts
 */
import { Client } from 'pg';
import { percentile } from '../percentile';
import { buildSearchSql } from '../../services/knowledge/src/search/search-sql';
import { toSearchTerms } from '../../services/knowledge/src/search/search-terms';
import {
  SEARCH_SESSION_OPTIONS,
  statementName,
} from '../../services/knowledge/src/search/search-pool';
import { BENCH_SEED, distinctQueries, randomSource, SearchQuery } from './workload';

const DISTINCT_QUERIES = Number(process.env.BENCH_DISTINCT_QUERIES ?? 1_000);
const SHOWN = 20;
/** Shared by 20 clients on 2 cores, a query costing more than this lasts past 50 ms. */
const SLOW_MS = 5;

interface QueryCost {
  query: SearchQuery;
  milliseconds: number;
  broad: boolean;
}

async function main(): Promise<void> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) throw new Error('BENCH_DATABASE_URL is missing: set it to a seeded database');

  const client = new Client({ connectionString: url, options: SEARCH_SESSION_OPTIONS });
  await client.connect();
  try {
    // The second run of each statement is timed, so planning and cold pages do not count.
    const run = async (query: SearchQuery, broad: boolean) => {
      const { sql, params } = buildSearchSql(
        toSearchTerms(query.q),
        { status: 'published', visibility: 'public', locale: query.locale },
        { limit: 10, broad },
      );
      const statement = { name: statementName(sql), text: sql, values: params };
      await client.query(statement);
      const started = performance.now();
      const { rows } = await client.query<{ total: number }>(statement);

      return { milliseconds: performance.now() - started, total: rows[0].total };
    };
    const costs: QueryCost[] = [];
    for (const query of distinctQueries(DISTINCT_QUERIES, randomSource(BENCH_SEED))) {
      const narrow = await run(query, false);
      const broad = narrow.total === 0 ? await run(query, true) : undefined;
      costs.push({
        query,
        milliseconds: narrow.milliseconds + (broad?.milliseconds ?? 0),
        broad: broad !== undefined,
      });
    }

    const mean = costs.reduce((sum, cost) => sum + cost.milliseconds, 0) / costs.length;
    console.log(
      `${costs.length} queries, mean ${mean.toFixed(2)} ms, ${costs.filter((cost) => cost.broad).length} broad`,
    );
    const sorted = [...costs].sort((a, b) => b.milliseconds - a.milliseconds);
    const ascending = sorted.map((cost) => cost.milliseconds).reverse();
    const slow = sorted.filter((cost) => cost.milliseconds > SLOW_MS);
    const percentiles = [0.5, 0.9, 0.99].map(
      (share) => `p${share * 100} ${percentile(ascending, share).toFixed(2)} ms`,
    );
    console.log(
      `${percentiles.join(', ')}; over ${SLOW_MS} ms: ${slow.length} (${slow.filter((cost) => cost.broad).length} broad)`,
    );
    for (const cost of sorted.slice(0, SHOWN)) {
      const kind = cost.broad ? 'narrow + broad' : 'narrow';
      console.log(
        `${cost.milliseconds.toFixed(1).padStart(7)} ms  ${kind.padEnd(14)} ${cost.query.locale}: ${cost.query.q}`,
      );
    }
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
