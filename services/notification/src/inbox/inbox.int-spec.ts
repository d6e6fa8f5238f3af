import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TicketEvents } from '@deskflow/contracts';
import { createServiceApp } from '@deskflow/http';
import { serviceAppOptions } from '../service.config';
import {
  ADMIN,
  agent,
  NotificationTestbed,
  publishDirectory,
  queue,
  startNotification,
  ticketSnapshot,
  waitForIdle,
} from '../../test/notification-test-kit';

/** Reads server-sent events from a stream until `done` returns true for the collected text. */
async function readEvents(response: Response, done: (text: string) => boolean): Promise<string> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!done(text)) {
    const { value, done: ended } = await reader.read();
    if (ended) break;
    text += decoder.decode(value);
  }
  await reader.cancel();

  return text;
}

describe('in-app inbox', () => {
  const it_ = queue('IT');
  const ida = agent('Ida', [it_.id]);
  let bed: NotificationTestbed;
  let replica: NestFastifyApplication;
  let replicaUrl: string;
  let token: string;

  beforeAll(async () => {
    bed = await startNotification();
    await publishDirectory(bed.publisher, [it_], [ida]);
    // A second replica on the same database and topics, as a deployment with two pods runs it.
    replica = await createServiceApp(serviceAppOptions);
    await replica.listen(0, '127.0.0.1');
    replicaUrl = (await replica.getUrl()).replace('[::1]', '127.0.0.1');
    token = await bed.harness.tokenFor({ id: ida.id, role: 'agent' });
  });

  afterAll(async () => {
    await replica.close();
    await bed.close();
  });

  it('streams inbox items across replicas', async () => {
    const preference = await bed.harness.request('PUT', '/api/v1/preferences/me', {
      token,
      body: { channels: { 'ticket.assigned': ['in_app'] } },
    });
    expect(preference.status).toBe(200);
    const stream = await fetch(`${replicaUrl}/api/v1/inbox/stream`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const events = readEvents(stream, (text) => text.includes('event: notification'));

    const ticket = ticketSnapshot(it_.id, { owner: { id: ida.id, email: ida.email, name: 'Ida' } });
    await bed.publisher.publishAndWait(
      TicketEvents.assigned,
      { ticket, ownerId: ida.id },
      { actor: `admin:${ADMIN.id}` },
    );
    const text = await events;

    expect(text).toContain('event: unread\ndata: {"unread":0}');
    expect(text).toContain(`"ticketNumber":"${ticket.number}"`);
    await waitForIdle(bed.db);
    expect(bed.smtp.to(ida.email)).toHaveLength(0);
  });

  it('lists items, counts unread ones and marks them read', async () => {
    const unread = await bed.harness.request('GET', '/api/v1/inbox/unread-count', { token });
    const list = await bed.harness.request('GET', '/api/v1/inbox?unreadOnly=true&limit=10', {
      token,
    });
    expect(unread.body).toEqual({ unread: 1 });
    expect(list.body.items).toHaveLength(1);

    const read = await bed.harness.request('POST', `/api/v1/inbox/${list.body.items[0].id}/read`, {
      token,
    });
    const after = await bed.harness.request('GET', '/api/v1/inbox/unread-count', { token });

    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    expect(after.body).toEqual({ unread: 0 });
  });

  it('keeps one agent out of another agent inbox', async () => {
    const list = await bed.harness.request('GET', '/api/v1/inbox', { token });
    const other = await bed.harness.tokenFor({ id: ADMIN.id, role: 'agent' });
    const response = await bed.harness.request(
      'POST',
      `/api/v1/inbox/${list.body.items[0].id}/read`,
      { token: other },
    );

    expect(response.status).toBe(404);
  });

  it('mutes an agent', async () => {
    await bed.harness.request('PUT', '/api/v1/preferences/me', { token, body: { muted: true } });
    const ticket = ticketSnapshot(it_.id, { owner: { id: ida.id, email: ida.email, name: 'Ida' } });
    const event = await bed.publisher.publishAndWait(
      TicketEvents.assigned,
      { ticket, ownerId: ida.id },
      { actor: `admin:${ADMIN.id}` },
    );
    const rows = await bed.db.query(
      `SELECT 1 FROM "notification"."delivery" WHERE "source_event_id" = $1 AND "channel" <> 'webhook'`,
      [event.id],
    );

    expect(rows.rowCount).toBe(0);
  });

  it('rejects invalid preferences and names the field', async () => {
    const response = await bed.harness.request('PUT', '/api/v1/preferences/me', {
      token,
      body: { channels: { 'ticket.assigned': ['pager'] }, language: 'xx' },
    });
    const fields = response.body.details.map((detail: { field: string }) => detail.field);

    expect(response.status).toBe(400);
    expect(fields).toEqual(expect.arrayContaining(['channels', 'language']));
  });

  it('marks all read without a body', async () => {
    for (const rawBody of [undefined, '']) {
      const response = await bed.harness.request('POST', '/api/v1/inbox/read-all', {
        token,
        rawBody,
        headers: { 'content-type': 'application/json' },
      });

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ marked: expect.any(Number) });
    }
  });
});
