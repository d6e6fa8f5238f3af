import { randomUUID } from 'node:crypto';
import { forgedCursors } from '@deskflow/testing';
import { ADMIN, NotificationTestbed, startNotification } from '../../test/notification-test-kit';

const ID = '03d76055-a9b7-419e-a276-ddf05faac00f';

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

  it('rejects forged cursors with 400 naming cursor', async () => {
    const first = await bed.harness.request('GET', '/api/v1/inbox?limit=1', { token: agentToken });
    const issued = JSON.parse(Buffer.from(first.body.nextCursor, 'base64url').toString('utf8'));
    expect(issued).toEqual({ createdAt: '2026-11-16T07:00:00.002Z', id: expect.any(String) });

    const forged = forgedCursors(issued, {
      createdAt: ['nonsense', '2026', '2026-11-16 07:00:00+00', '2026-02-30T07:00:00.000Z', null],
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
