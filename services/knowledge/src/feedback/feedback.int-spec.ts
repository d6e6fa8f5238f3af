import { KnowledgeKit, startKnowledgeKit } from '../../test/knowledge-test-kit';

describe('article feedback', () => {
  let kit: KnowledgeKit;

  beforeAll(async () => {
    kit = await startKnowledgeKit();
  });

  afterAll(async () => {
    await kit.harness.close();
  });

  it('counts helpful and not-helpful votes with comments', async () => {
    const article = await kit.createPublished({ title: 'WLAN verbinden' });

    const helpful = await kit.harness.request('POST', `/api/v1/articles/${article.id}/feedback`, {
      body: { helpful: true },
    });
    const notHelpful = await kit.harness.request(
      'POST',
      `/api/v1/articles/${article.id}/feedback`,
      {
        token: kit.tokens.customer,
        body: { helpful: false, comment: 'Schritt 3 fehlt' },
      },
    );

    expect(helpful.status).toBe(201);
    expect(notHelpful.body).toEqual({ helpfulCount: 1, notHelpfulCount: 1 });
    const list = await kit.harness.request('GET', `/api/v1/articles/${article.id}/feedback`, {
      token: kit.tokens.agent,
    });
    expect(list.body.items.map((item: any) => item.comment)).toEqual(['Schritt 3 fehlt', null]);
    expect(list.body.items[0].actor).toMatch(/^customer:/);
    expect(list.body.items[1].actor).toBe('anonymous');
  });

  it('rejects feedback on an article the reader cannot see', async () => {
    const internal = await kit.createPublished({ title: 'Nur intern', visibility: 'internal' });

    const response = await kit.harness.request('POST', `/api/v1/articles/${internal.id}/feedback`, {
      body: { helpful: true },
    });

    expect(response.status).toBe(404);
  });

  it('names a missing vote and an overlong comment', async () => {
    const article = await kit.createPublished({ title: 'Drucker verbinden' });

    const response = await kit.harness.request('POST', `/api/v1/articles/${article.id}/feedback`, {
      body: { comment: 'x'.repeat(2001) },
    });

    expect(response.status).toBe(400);
    const fields = response.body.details.map((detail: any) => detail.field);
    expect(fields).toEqual(expect.arrayContaining(['helpful', 'comment']));
  });

  it('keeps feedback off the list for readers who are not staff', async () => {
    const article = await kit.createPublished({ title: 'Monitor anschließen' });

    const response = await kit.harness.request('GET', `/api/v1/articles/${article.id}/feedback`, {
      token: kit.tokens.customer,
    });

    expect(response.status).toBe(403);
  });
});
