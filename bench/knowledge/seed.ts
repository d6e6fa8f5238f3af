import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { COMMON_TERM_MIN_DOCUMENTS } from '../../services/knowledge/src/suggestions/suggestion-sql';
import { TOPICS } from './workload';

/** Seeds `count` articles with `seed-articles.sql` unless the database already has articles. */
export async function seedWhenEmpty(databaseUrl: string, count: number): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM knowledge.article',
    );
    if (rows[0].count > 0) {
      console.log(`reusing ${rows[0].count} articles`);
    } else {
      const started = Date.now();
      const variables = {
        ON_ERROR_STOP: '1',
        count: String(count),
        de_topics: TOPICS.de.join(' '),
        en_topics: TOPICS.en.join(' '),
      };
      execFileSync(
        'psql',
        [
          databaseUrl,
          '-q',
          ...Object.entries(variables).flatMap(([name, value]) => ['-v', `${name}=${value}`]),
          '-f',
          join(__dirname, 'seed-articles.sql'),
        ],
        { stdio: ['ignore', 'ignore', 'inherit'] },
      );
      console.log(`seeded ${count} articles in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    // The service rebuilds these statistics at start, before the seed; a deployment would
    // rebuild them on its next interval.
    await client.query('SELECT knowledge.refresh_term_stats($1)', [COMMON_TERM_MIN_DOCUMENTS]);
  } finally {
    await client.end();
  }
}
