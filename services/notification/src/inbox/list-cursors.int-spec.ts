import { randomUUID } from 'node:crypto';
import { collectPages, forgedCursors } from '@deskflow/testing';
import { ADMIN, NotificationTestbed, startNotification } from '../../test/notification-test-kit';

const ID = '03d76055-a9b7-419e-a276-ddf05faac00f';

/** Rows created in one transaction share this timestamp, which has microseconds. */
const SAME_MICROSECOND = '2026-11-17 07:00:00.123456+00';

/** Orders ids as a list sorted by (created_at DESC, id DESC) does for rows of one timestamp. */
function newestFirst(rows: { id: string }[]): string[] {
  return rows
    .map((row) => row.id)
    .sort()
    .reverse();
}

describe('inbox and delivery list cursors', () => {
  const agentId = randomUUID();
  let bed: NotificationTestbed;
  let agentToken: string;
  let adminToken: string;

  beforeAll(async () => {
    bed = await startNotification();
    agentToken = await bed.harness.tokenFor({ id: agentId, role: 'agent' });
    adminToken = await bed.harness.tokenFor(ADMIN);
    for (const createdAt of ['2026-11-16T07:00:00.001Z', '2026-11-16T07:00:00.002Z']) {
      await bed.db.query(
        `INSERT INTO "notification"."inbox_item"
           ("agent_id", "delivery_id", "event_type", "title", "body", "created_at")
         VALUES ($1, $2, 'ticket.assigned', 'Assigned', 'A ticket', $3)`,
        [agentId, randomUUID(), createdAt],
      );
    }
  });

  afterAll(async () => {
    await bed.close();
  });

  it('pages the inbox with the cursors it issues', async () => {
    const first = await bed.harness.request('GET', '/api/v1/inbox?limit=1', { token: agentToken });
    const second = await bed.harness.request(
      'GET',
      `/api/v1/inbox?limit=1&cursor=${first.body.nextCursor}`,
      { token: agentToken },
    );

    expect(second.status).toBe(200);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
  });

  it('pages inbox items of one microsecond exactly once', async () => {
    const sameAgent = randomUUID();
    const token = await bed.harness.tokenFor({ id: sameAgent, role: 'agent' });
    const inserted = await bed.db.query<{ id: string }>(
      `INSERT INTO "notification"."inbox_item"
         ("agent_id", "delivery_id", "event_type", "title", "body", "created_at")
       SELECT $1, gen_random_uuid(), 'ticket.assigned', 'Assigned', 'A ticket', $2
         FROM generate_series(1, 7)
       RETURNING "id"`,
      [sameAgent, SAME_MICROSECOND],
    );

    const items = await collectPages<{ id: string }>(bed.harness, '/api/v1/inbox?limit=2', token);

    expect(items.map((item) => item.id)).toEqual(newestFirst(inserted.rows));
  });

  it('pages deliveries of one microsecond exactly once', async () => {
    const ticketId = randomUUID();
    const inserted = await bed.db.query<{ id: string }>(
      `INSERT INTO "notification"."delivery"
         ("id", "source_event_type", "dedupe_key", "kind", "channel", "recipient_key", "locale",
          "ticket_id", "context", "status", "created_at")
       SELECT gen_random_uuid(), 'ticket.created', 'paging-' || n, 'event', 'email', 'agent:' || n,
              'en', $1, '{}', 'cancelled', $2
         FROM generate_series(1, 7) AS n
       RETURNING "id"`,
      [ticketId, SAME_MICROSECOND],
    );

    const items = await collectPages<{ id: string }>(
      bed.harness,
      `/api/v1/deliveries?ticketId=${ticketId}&limit=2`,
      adminToken,
    );

    expect(items.map((item) => item.id)).toEqual(newestFirst(inserted.rows));
  });

  it('accepts a cursor in the millisecond form', async () => {
    const cursor = Buffer.from(
      JSON.stringify({ createdAt: '2026-11-16T07:00:00.002Z', id: ID }),
    ).toString('base64url');

    const response = await bed.harness.request('GET', `/api/v1/inbox?cursor=${cursor}`, {
      token: agentToken,
    });

    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(1);
  });

  it('rejects forged cursors with 400 naming cursor', async () => {
    const first = await bed.harness.request('GET', '/api/v1/inbox?limit=1', { token: agentToken });
    const issued = JSON.parse(Buffer.from(first.body.nextCursor, 'base64url').toString('utf8'));
    expect(issued).toEqual({ createdAt: '2026-11-16 07:00:00.002+00', id: expect.any(String) });

    const forged = forgedCursors(issued, {
      createdAt: [
        'nonsense',
        '2026',
        '2026-11-16 07:00:00.0021234+00',
        '2026-02-30T07:00:00.000Z',
        null,
      ],
      id: ['nonsense', `${ID}0`, null],
    });
    for (const [description, cursor] of forged) {
      for (const [path, token] of [
        [`/api/v1/inbox?cursor=${cursor}`, agentToken],
        [`/api/v1/deliveries?cursor=${cursor}`, adminToken],
      ]) {
        const response = await bed.harness.request('GET', path, { token });

        expect([description, path, response.status]).toEqual([description, path, 400]);
        expect(response.body.details).toEqual([{ field: 'cursor', reason: expect.any(String) }]);
      }
    }
  });
});
