import { KnowledgeKit, startKnowledgeKit } from '../../test/knowledge-test-kit';

describe('anonymous rate limit', () => {
  let kit: KnowledgeKit;
  let articleId: string;

  beforeAll(async () => {
    // The test client stands for a proxy, so that X-Forwarded-For can name other clients.
    kit = await startKnowledgeKit({
      KNOWLEDGE_ANONYMOUS_REQUESTS_PER_MINUTE: '3',
      HTTP_TRUST_PROXY: '127.0.0.1',
    });
    articleId = (await kit.createPublished({ title: 'Drucker einrichten' })).id;
  });

  afterAll(async () => {
    await kit.harness.close();
    delete process.env.HTTP_TRUST_PROXY;
  });

  const suggest = (token?: string) =>
    kit.harness.request('POST', '/api/v1/suggestions', {
      token,
      body: { subject: 'Drucker', locale: 'de' },
    });
  const feedback = (headers: Record<string, string> = {}) =>
    kit.harness.request('POST', `/api/v1/articles/${articleId}/feedback`, {
      headers,
      body: { helpful: true },
    });

  it('rejects with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 4; index += 1) statuses.push((await suggest()).status);
    const limited = await suggest();

    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.body.details[0].field).toBe('client');
  });

  it('does not limit callers with a token', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 5; index += 1)
      statuses.push((await suggest(kit.tokens.customer)).status);

    expect(statuses).toEqual([200, 200, 200, 200, 200]);
  });

  it('counts feedback apart from suggestions and per client address', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 4; index += 1) statuses.push((await feedback()).status);
    const otherClient = await feedback({ 'x-forwarded-for': '203.0.113.7' });

    expect(statuses).toEqual([201, 201, 201, 429]);
    expect(otherClient.status).toBe(201);
  });
});
