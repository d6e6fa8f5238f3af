import { Client } from 'pg';
import { buildSearchSql } from '../../services/knowledge/src/search/search-sql';
import { toSearchTerms } from '../../services/knowledge/src/search/search-terms';
import { SEARCH_SESSION_OPTIONS } from '../../services/knowledge/src/search/search-pool';
async function main() {
  const c = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/kbtypo', options: SEARCH_SESSION_OPTIONS });
  await c.connect();
  const [q, locale, broad] = [process.argv[2], process.argv[3], process.argv[4] === 'broad'];
  const { sql, params } = buildSearchSql(toSearchTerms(q), { status: 'published', visibility: 'public', locale }, { limit: 10, broad });
  await c.query(sql, params);
  const t = process.hrtime.bigint();
  for (let i = 0; i < 20; i++) await c.query(sql, params);
  console.log('mean ms', Number(process.hrtime.bigint() - t) / 20e6);
  const r = await c.query('EXPLAIN (ANALYZE, BUFFERS, TIMING) ' + sql, params);
  console.log(r.rows.map((x: any) => x['QUERY PLAN']).join('\n'));
  await c.end();
}
main();
