import { Client } from 'pg';
import { ServiceHarness, startServiceHarness } from '@deskflow/testing';
import { serviceAppOptions } from '../service.config';
import { KnowledgeKit, startKnowledgeKit } from '../../test/knowledge-test-kit';

describe('search result cache', () => {
  let kit: KnowledgeKit;
  let replica: ServiceHarness;

  const search = (q: string, harness?: ServiceHarness, token?: string) =>
    (harness ?? kit.harness).request('GET', `/api/v1/search?${new URLSearchParams({ q })}`, {
      token,
    });
  const foundIds = async (q: string, harness?: ServiceHarness, token?: string) => {
    const response = await search(q, harness, token);
    expect(response.status).toBe(200);

    return response.body.items.map((item: { id: string }) => item.id);
  };
  /** Reads the process-wide count of cache hits or misses from /metrics. */
  const cacheCount = async (result: 'hit' | 'miss') => {
    const response = await kit.harness.request<string>('GET', '/metrics');
    const line = response.body
      .split('\n')
      .find((text) => text.startsWith(`knowledge_search_cache_requests_total{result="${result}"}`));

    return line ? Number(line.split(' ').pop()) : 0;
  };
  const searchVersion = async () => {
    const client = new Client({ connectionString: kit.harness.db.url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT version FROM knowledge.search_version');

      return Number(rows[0].version);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    kit = await startKnowledgeKit();
    replica = await startServiceHarness(serviceAppOptions, {}, { shareWith: kit.harness });
  });

  afterAll(async () => {
    await replica.close();
    await kit.harness.close();
  });

  it('answers a repeated search from the cache', async () => {
    await kit.createPublished({ title: 'Kalenderfreigabe einrichten' });
    await search('Kalenderfreigabe');
    const hits = await cacheCount('hit');
    const misses = await cacheCount('miss');

    const first = await search('Kalenderfreigabe');
    const second = await search('Kalenderfreigabe');

    expect(second.body).toEqual(first.body);
    expect(second.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await cacheCount('hit')).toBe(hits + 2);
    expect(await cacheCount('miss')).toBe(misses);
  });

  it('shows a newly published article at once', async () => {
    expect(await foundIds('Tintenpatrone')).toEqual([]);

    const article = await kit.createPublished({ title: 'Tintenpatrone wechseln' });

    expect(await foundIds('Tintenpatrone')).toEqual([article.id]);
  });

  it('drops an archived article at once', async () => {
    const article = await kit.createPublished({ title: 'Tonerkassette bestellen' });
    expect(await foundIds('Tonerkassette')).toEqual([article.id]);

    const archived = await kit.harness.request(
      'POST',
      `/api/v1/articles/${article.id}/transitions`,
      {
        token: kit.tokens.agent,
        body: { status: 'archived' },
      },
    );

    expect(archived.status).toBe(200);
    expect(await foundIds('Tonerkassette')).toEqual([]);
  });

  it('shows an edited title at once', async () => {
    const article = await kit.createPublished({ title: 'Bildschirmschoner abschalten' });
    expect(await foundIds('Bildschirmschoner')).toEqual([article.id]);

    const updated = await kit.edit(article.id, { title: 'Energiesparmodus abschalten' });

    expect(updated.status).toBe(200);
    expect(await foundIds('Bildschirmschoner')).toEqual([]);
  });

  it('shows a renamed category in the facets', async () => {
    const category = await kit.harness.request('POST', '/api/v1/categories', {
      token: kit.tokens.agent,
      body: { name: 'Drucken', slug: 'drucken' },
    });
    await kit.createPublished({
      title: 'Etikettendrucker einrichten',
      categoryId: category.body.id,
    });
    const before = await search('Etikettendrucker');

    const renamed = await kit.harness.request('PATCH', `/api/v1/categories/${category.body.id}`, {
      token: kit.tokens.agent,
      body: { name: 'Drucker und Scanner' },
    });
    const after = await search('Etikettendrucker');

    expect(renamed.status).toBe(200);
    expect(before.body.facets.categories[0].name).toBe('Drucken');
    expect(after.body.facets.categories[0].name).toBe('Drucker und Scanner');
  });

  it('sees a change made through another replica', async () => {
    expect(await foundIds('Dockingstation', replica)).toEqual([]);

    const article = await kit.createPublished({ title: 'Dockingstation anschließen' });

    expect(await foundIds('Dockingstation', replica)).toEqual([article.id]);
  });

  it('keeps staff and public results apart', async () => {
    const internal = await kit.createPublished({
      title: 'Serverraum Zugangscode',
      visibility: 'internal',
    });

    expect(await foundIds('Serverraum')).toEqual([]);
    expect(await foundIds('Serverraum', undefined, kit.tokens.agent)).toEqual([internal.id]);
    expect(await foundIds('Serverraum')).toEqual([]);
  });

  it('keeps its version when an article is viewed', async () => {
    const article = await kit.createPublished({ title: 'Laufwerk verbinden' });
    const before = await searchVersion();

    const viewed = await kit.harness.request('GET', `/api/v1/articles/${article.id}`);

    expect(viewed.status).toBe(200);
    expect(viewed.body.viewCount).toBe(1);
    expect(await searchVersion()).toBe(before);
  });

  it('raises its version once per transaction', async () => {
    const before = await searchVersion();
    const client = new Client({ connectionString: kit.harness.db.url });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO knowledge.article (translation_group_id, locale, title, body_markdown, body_html,
           body_text, visibility, status, content_hash, author_id, updated_by_id)
         SELECT gen_random_uuid(), 'de', 'Massenimport ' || n, '', '', '', 'public', 'draft', '', 'test', 'test'
         FROM generate_series(1, 3) AS n`,
      );
    } finally {
      await client.end();
    }

    expect(await searchVersion()).toBe(before + 1);
  });

  // Last, because it empties the article table that the other tests use.
  it('raises its version when articles are truncated', async () => {
    const before = await searchVersion();
    const client = new Client({ connectionString: kit.harness.db.url });
    await client.connect();
    try {
      await client.query('TRUNCATE knowledge.article CASCADE');
    } finally {
      await client.end();
    }

    expect(await searchVersion()).toBe(before + 1);
  });
});
