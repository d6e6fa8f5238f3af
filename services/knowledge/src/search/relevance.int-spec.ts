import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFolder } from '../import/import-cli';
import { KnowledgeKit, startKnowledgeKit } from '../../test/knowledge-test-kit';

const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures');

interface LabelledQuery {
  locale: string;
  q: string;
  expected: string;
}

/**
 * Minimum recall@5 and MRR per locale. Each query has one relevant article among 24 per locale.
 * A reader who scans five results should find it for at least 4 of 5 queries (0.8), on average
 * in the first or second place (MRR 0.6). The measured values are printed.
 */
const MIN_RECALL_AT_5 = 0.8;
const MIN_MRR = 0.6;

describe('search relevance on the GNOME Help sample', () => {
  let kit: KnowledgeKit;
  const idsByKey = new Map<string, string>();

  beforeAll(async () => {
    kit = await startKnowledgeKit();
    const report = await importFolder(join(FIXTURES, 'gnome-help'), {
      url: kit.harness.url,
      token: kit.tokens.admin,
      visibility: 'public',
      status: 'published',
    });
    expect(report.failed).toBe(0);
    for (const item of report.items) idsByKey.set(item.key!, item.articleId!);
  });

  afterAll(async () => {
    await kit.harness.close();
  });

  it.each(['en', 'de'])('%s reaches the recall@5 and MRR minimums', async (locale) => {
    const labelled: LabelledQuery[] = JSON.parse(
      readFileSync(join(FIXTURES, 'relevance-set.json'), 'utf8'),
    ).queries;
    const queries = labelled.filter((query) => query.locale === locale);
    let hitsAtFive = 0;
    let reciprocalRanks = 0;
    const misses: string[] = [];
    for (const query of queries) {
      const params = new URLSearchParams({ q: query.q, locale, limit: '10' });
      const response = await kit.harness.request('GET', `/api/v1/search?${params}`);
      const rank =
        response.body.items.findIndex(
          (item: { id: string }) => item.id === idsByKey.get(query.expected),
        ) + 1;
      if (rank >= 1 && rank <= 5) hitsAtFive += 1;
      if (rank >= 1) reciprocalRanks += 1 / rank;
      if (rank === 0 || rank > 5) misses.push(`${query.q} (rank ${rank || '>10'})`);
    }
    const recallAtFive = hitsAtFive / queries.length;
    const mrr = reciprocalRanks / queries.length;
    console.log(
      `relevance ${locale}: ${queries.length} queries, recall@5 ${recallAtFive.toFixed(3)}, MRR ${mrr.toFixed(3)}; misses: ${misses.join(', ') || 'none'}`,
    );

    expect(recallAtFive).toBeGreaterThanOrEqual(MIN_RECALL_AT_5);
    expect(mrr).toBeGreaterThanOrEqual(MIN_MRR);
  });
});
