import { KnowledgeKit, startKnowledgeKit } from '../../test/knowledge-test-kit';

describe('article visibility per role', () => {
  let kit: KnowledgeKit;
  let publicPublished: any;
  let internalPublished: any;
  let publicDraft: any;

  beforeAll(async () => {
    kit = await startKnowledgeKit();
    publicPublished = await kit.createPublished({ title: 'Öffentlich', visibility: 'public' });
    internalPublished = await kit.createPublished({ title: 'Intern', visibility: 'internal' });
    publicDraft = await kit.createArticle({ title: 'Entwurf', visibility: 'public' });
  });

  afterAll(async () => {
    await kit.harness.close();
  });

  const readers = () => [
    { name: 'anonymous', token: undefined, staff: false },
    { name: 'customer', token: kit.tokens.customer, staff: false },
    { name: 'agent', token: kit.tokens.agent, staff: true },
    { name: 'admin', token: kit.tokens.admin, staff: true },
  ];

  it.each(['anonymous', 'customer', 'agent', 'admin'])(
    '%s reads what its role allows',
    async (name) => {
      const reader = readers().find((candidate) => candidate.name === name)!;
      const read = (id: string) =>
        kit.harness.request('GET', `/api/v1/articles/${id}`, { token: reader.token });

      expect((await read(publicPublished.id)).status).toBe(200);
      expect((await read(internalPublished.id)).status).toBe(reader.staff ? 200 : 404);
      expect((await read(publicDraft.id)).status).toBe(reader.staff ? 200 : 404);

      const list = await kit.harness.request('GET', '/api/v1/articles?limit=100', {
        token: reader.token,
      });
      const listed = list.body.items.map((item: any) => item.id);
      expect(listed).toContain(publicPublished.id);
      expect(listed.includes(internalPublished.id)).toBe(reader.staff);
      expect(listed.includes(publicDraft.id)).toBe(reader.staff);
    },
  );

  it('hides author ids from readers who are not staff', async () => {
    const anonymous = await kit.harness.request('GET', `/api/v1/articles/${publicPublished.id}`);
    const agent = await kit.harness.request('GET', `/api/v1/articles/${publicPublished.id}`, {
      token: kit.tokens.agent,
    });

    expect(anonymous.body.authorId).toBeUndefined();
    expect(agent.body.authorId).toBeDefined();
  });

  it.each(['anonymous', 'customer'])('%s may not write', async (name) => {
    const token = name === 'customer' ? kit.tokens.customer : undefined;

    const created = await kit.harness.request('POST', '/api/v1/articles', {
      token,
      body: { title: 'Nicht erlaubt', locale: 'de', visibility: 'public', bodyMarkdown: '' },
    });
    const moved = await kit.harness.request(
      'POST',
      `/api/v1/articles/${publicDraft.id}/transitions`,
      {
        token,
        body: { status: 'review' },
      },
    );

    expect(created.status).toBe(token ? 403 : 401);
    expect(moved.status).toBe(token ? 403 : 401);
  });

  it('counts views of published articles', async () => {
    const first = await kit.harness.request('GET', `/api/v1/articles/${publicPublished.id}`);
    const second = await kit.harness.request('GET', `/api/v1/articles/${publicPublished.id}`);

    expect(second.body.viewCount).toBe(first.body.viewCount + 1);
  });

  it('pages the list by cursor with ties broken by id', async () => {
    const created: string[] = [];
    for (let index = 0; index < 7; index += 1) {
      created.push((await kit.createArticle({ title: 'Gleicher Titel', locale: 'en' })).id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/api/v1/articles?locale=en&sort=title&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await kit.harness.request('GET', query, { token: kit.tokens.agent });
      seen.push(...response.body.items.map((item: any) => item.id));
      cursor = response.body.nextCursor;
      pages += 1;
      if (pages === 1) await kit.createArticle({ title: 'Gleicher Titel', locale: 'en' });
    } while (cursor);

    for (const id of created) {
      expect(seen.filter((seenId) => seenId === id)).toHaveLength(1);
    }
    expect(new Set(seen).size).toBe(seen.length);
    const titleOrderedIds = seen.slice(0, 7);
    expect(titleOrderedIds).toEqual([...titleOrderedIds].sort());
  });

  it.each([
    ['a search cursor', [0.054, '03d76055-a9b7-419e-a276-ddf05faac00f']],
    ['two words', ['x', 'y']],
    ['an id that is not a UUID', ['2026-01-01T00:00:00.000Z', 'not-a-uuid']],
    ['an impossible date', ['2026-13-45T00:00:00.000Z', '03d76055-a9b7-419e-a276-ddf05faac00f']],
  ])('rejects a forged list cursor (%s)', async (_case, position) => {
    const cursor = Buffer.from(JSON.stringify(position)).toString('base64url');
    const paths = [
      `/api/v1/articles?cursor=${cursor}`,
      `/api/v1/articles?sort=viewCount&cursor=${cursor}`,
      `/api/v1/articles/${publicPublished.id}/feedback?cursor=${cursor}`,
    ];

    for (const path of paths) {
      const response = await kit.harness.request('GET', path, { token: kit.tokens.agent });

      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([expect.objectContaining({ field: 'cursor' })]);
    }
  });

  it('answers a malformed id with 400 naming id', async () => {
    const response = await kit.harness.request('GET', '/api/v1/articles/not-a-uuid');

    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe('id');
  });
});
