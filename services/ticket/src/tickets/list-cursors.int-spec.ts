import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { collectPages, forgedCursors } from '@deskflow/testing';
import { Person, TicketServiceFixture } from '../../test/support/ticket-service.fixture';

const ID = '03d76055-a9b7-419e-a276-ddf05faac00f';
const WRONG_IDS = ['nonsense', `${ID}0`, null, 42];

/** Decodes a cursor that the service issued, to check its form and build forgeries from it. */
function cursorJson(cursor: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
}

function encode(json: unknown): string {
  return Buffer.from(JSON.stringify(json)).toString('base64url');
}

describe('list cursors of the ticket service', () => {
  let service: TicketServiceFixture;
  let agent: Person;
  let customer: Person;
  const tag = `cursor-${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    service = await TicketServiceFixture.start();
    const queueId = (await service.createQueue('Cursors')).id;
    agent = await service.createAgent({ [queueId]: 'write' });
    customer = await service.createCustomer();
    for (let index = 0; index < 3; index += 1) {
      await service.createTicket(
        { title: `Cursor ${index}`, queueId, customerId: customer.id, priority: 'P3', tags: [tag] },
        agent.token,
      );
      await service.expectStatus(201, 'POST', '/portal/tickets', {
        token: customer.token,
        body: { title: `Portal ${index}`, body: 'Paged through the portal.' },
      });
    }
  });

  afterAll(async () => {
    await service.close();
  });

  async function expectCursorRejected(path: string, token: string): Promise<void> {
    const response = await service.request('GET', path, { token });

    expect(response.status).toBe(400);
    expect(response.body.error).toBe('validation_failed');
    expect(response.body.details).toEqual([{ field: 'cursor', reason: expect.any(String) }]);
  }

  it.each(['priority', '-created', 'created', '-updated', 'slaDue', '-slaDue'])(
    'pages tickets sorted by %s with the cursors it issues',
    async (sort) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `sort=${sort}&limit=1&tag=${tag}${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await service.expectStatus(200, 'GET', `/tickets?${query}`, {
          token: agent.token,
        });
        seen.push(...page.body.items.map((item: { id: string }) => item.id));
        cursor = page.body.nextCursor;
      } while (cursor);

      expect(seen).toHaveLength(3);
      expect(new Set(seen).size).toBe(3);
    },
  );

  it('rejects forged cursors of the ticket list with 400', async () => {
    const first = await service.expectStatus(
      200,
      'GET',
      `/tickets?sort=-created&limit=1&tag=${tag}`,
      {
        token: agent.token,
      },
    );
    const issued = cursorJson(first.body.nextCursor);
    expect(issued).toEqual({ sort: '-created', value: expect.any(String), id: expect.any(String) });

    const forged = forgedCursors(issued, {
      sort: ['created', '-priority', null],
      value: ['nonsense', '2026-13-01 00:00:00+00', '2026-03-01T09:30:00.000Z', 'P1', null, 1],
      id: WRONG_IDS,
    });
    for (const [, cursor] of forged) {
      await expectCursorRejected(`/tickets?sort=-created&cursor=${cursor}`, agent.token);
    }
  });

  it('rejects a cursor whose value does not fit the sort', async () => {
    const cases: [string, unknown][] = [
      ['priority', 'P9'],
      ['priority', '2026-03-01 09:30:00+00'],
      ['-updated', 'infinity'],
      ['slaDue', 'tomorrow'],
    ];

    for (const [sort, value] of cases) {
      const cursor = encode({ sort, value, id: ID });
      await expectCursorRejected(`/tickets?sort=${sort}&cursor=${cursor}`, agent.token);
    }
  });

  it('rejects a cursor issued for another sort', async () => {
    const byPriority = await service.expectStatus(
      200,
      'GET',
      `/tickets?sort=priority&limit=1&tag=${tag}`,
      {
        token: agent.token,
      },
    );

    await expectCursorRejected(
      `/tickets?sort=-priority&cursor=${byPriority.body.nextCursor}`,
      agent.token,
    );
  });

  it('pages portal tickets of one millisecond once', async () => {
    const sameTime = await service.createCustomer();
    const ids: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      const created = await service.expectStatus(201, 'POST', '/portal/tickets', {
        token: sameTime.token,
        body: { title: `Same time ${index}`, body: 'Created in one millisecond.' },
      });
      ids.push(created.body.id);
    }
    await service.harness.app
      .get(DataSource)
      .query(`UPDATE "ticket"."ticket" SET "created_at" = $1 WHERE "id" = ANY($2::uuid[])`, [
        '2026-11-17 07:00:00.123+00',
        ids,
      ]);

    const items = await collectPages<{ id: string; createdAt: string }>(
      service.harness,
      '/api/v1/portal/tickets?limit=2',
      sameTime.token,
    );

    expect(new Set(items.map((item) => item.createdAt))).toEqual(
      new Set(['2026-11-17T07:00:00.123Z']),
    );
    expect(items.map((item) => item.id)).toEqual([...ids].sort().reverse());
  });

  it('rejects forged cursors of the portal list with 400', async () => {
    const first = await service.expectStatus(200, 'GET', '/portal/tickets?limit=1', {
      token: customer.token,
    });
    const issued = cursorJson(first.body.nextCursor);
    expect(issued).toEqual({ createdAt: expect.any(String), id: expect.any(String) });

    const forged = forgedCursors(issued, {
      createdAt: ['nonsense', '2026-02-30T00:00:00.000Z', '2026-03-01 09:30:00+00', null],
      id: WRONG_IDS,
    });
    for (const [description, cursor] of forged) {
      const response = await service.request('GET', `/portal/tickets?cursor=${cursor}`, {
        token: customer.token,
      });

      expect([description, response.status]).toEqual([description, 400]);
      expect(response.body.details.map((detail: { field: string }) => detail.field)).toEqual([
        'cursor',
      ]);
    }
  });
});
