import { forgedCursors } from '@deskflow/testing';
import { KnowledgeKit, startKnowledgeKit } from '../../test/knowledge-test-kit';

const ID = '03d76055-a9b7-419e-a276-ddf05faac00f';
const WRONG_IDS = ['nonsense', `${ID}0`, null];

function encode(json: unknown): string {
  return Buffer.from(JSON.stringify(json)).toString('base64url');
}

describe('knowledge list cursors', () => {
  let kit: KnowledgeKit;
  let articleId: string;

  beforeAll(async () => {
    kit = await startKnowledgeKit();
    // Titles of 300 characters of two UTF-8 bytes each give cursors of over 800 characters.
    articleId = (await kit.createPublished({ title: 'Ä'.repeat(300) })).id;
    await kit.createPublished({ title: 'Ö'.repeat(300) });
  });

  afterAll(async () => {
    await kit.harness.close();
  });

  async function expectRejected(path: string, description: string): Promise<void> {
    const response = await kit.harness.request('GET', path, { token: kit.tokens.agent });

    expect([description, path.split('?')[0], response.status]).toEqual([
      description,
      path.split('?')[0],
      400,
    ]);
    expect(response.body.details).toEqual([{ field: 'cursor', reason: expect.any(String) }]);
  }

  it('pages by a long title', async () => {
    const first = await kit.harness.request('GET', '/api/v1/articles?sort=title&limit=1', {
      token: kit.tokens.agent,
    });
    expect(first.body.nextCursor.length).toBeGreaterThan(800);

    const second = await kit.harness.request(
      'GET',
      `/api/v1/articles?sort=title&limit=1&cursor=${first.body.nextCursor}`,
      { token: kit.tokens.agent },
    );

    expect(second.status).toBe(200);
    expect(second.body.items.map((item: { title: string }) => item.title)).toEqual([
      'Ö'.repeat(300),
    ]);
  });

  it('rejects forged article list cursors', async () => {
    const cases: [string, [unknown, string]][] = [
      ['-updatedAt', ['2026-03-01T09:30:00.000Z', ID]],
      ['title', ['Drucker', ID]],
      ['viewCount', [3, ID]],
    ];
    const wrongBySort: Record<string, unknown[]> = {
      '-updatedAt': ['nonsense', '2026-02-30T00:00:00.000Z', 3],
      title: ['a\u0000b', 3],
      viewCount: [1.5, 2 ** 53, '3'],
    };

    for (const [sort, valid] of cases) {
      const forged = forgedCursors(valid, { 0: wrongBySort[sort], 1: WRONG_IDS });
      for (const [description, cursor] of forged) {
        await expectRejected(`/api/v1/articles?sort=${sort}&cursor=${cursor}`, description);
      }
    }
  });

  it('rejects forged cursors of feedback and search', async () => {
    const paths = [
      [
        `/api/v1/articles/${articleId}/feedback?cursor=`,
        forgedCursors(['2026-03-01T09:30:00.000Z', ID], { 0: ['nonsense', 1], 1: WRONG_IDS }),
      ],
      [`/api/v1/search?q=Drucker&cursor=`, forgedCursors([0.5, ID], { 0: ['0.5'], 1: WRONG_IDS })],
    ] as const;

    for (const [path, forged] of paths) {
      for (const [description, cursor] of forged)
        await expectRejected(`${path}${cursor}`, description);
    }
  });

  it('rejects a cursor of another list', async () => {
    await kit.createPublished({ title: 'Drucker im Flur' });
    await kit.createPublished({ title: 'Drucker im Keller' });
    const get = (path: string) => kit.harness.request('GET', path, { token: kit.tokens.agent });
    const titles = await get('/api/v1/articles?sort=title&limit=1');
    const found = await get('/api/v1/search?q=Drucker&limit=1');
    const replays = [
      `/api/v1/articles?sort=-updatedAt&cursor=${titles.body.nextCursor}`,
      `/api/v1/articles?sort=title&status=draft&cursor=${titles.body.nextCursor}`,
      `/api/v1/search?q=Scanner&cursor=${found.body.nextCursor}`,
    ];

    for (const path of replays) {
      const response = await get(path);

      expect([path, response.status, response.body.details[0].reason]).toEqual([
        path,
        400,
        expect.stringContaining('it belongs to another sort, filter or query'),
      ]);
    }
  });

  it('accepts a well-formed cursor of each list', async () => {
    const paths = [
      `/api/v1/articles?sort=viewCount&cursor=${encode([0, ID])}`,
      `/api/v1/articles/${articleId}/feedback?cursor=${encode(['2026-03-01T09:30:00.000Z', ID])}`,
      `/api/v1/search?q=Drucker&cursor=${encode([0.5, ID])}`,
    ];

    for (const path of paths) {
      const response = await kit.harness.request('GET', path, { token: kit.tokens.agent });

      expect([path, response.status]).toEqual([path, 200]);
    }
  });
});
