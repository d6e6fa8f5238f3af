import { randomUUID } from 'node:crypto';
import {
  dataSchemaOf,
  EventEnvelope,
  prefixedTopic,
  TicketEvents,
  Topics,
  toKafkaRecord,
} from '@deskflow/contracts';
import { createKafka } from '@deskflow/messaging';
import { waitFor } from '@deskflow/testing';
import {
  agent,
  NotificationTestbed,
  publishDirectory,
  queue,
  startNotification,
  ticketSnapshot,
  waitForIdle,
} from '../../test/notification-test-kit';

const BURST = 500;

describe('digest of a burst', () => {
  const it_ = queue('IT');
  const dana = agent('Dana', [it_.id]);
  let bed: NotificationTestbed;

  beforeAll(async () => {
    // Each held notification extends the window, so a slow consumer still yields one digest.
    bed = await startNotification({ DIGEST_WINDOW_MS: '4000', DIGEST_MAX_WINDOW_MS: '600000' });
    await publishDirectory(bed.publisher, [it_], [dana]);
  });

  afterAll(async () => {
    await bed.close();
  });

  it('sends 500 assignments to one agent as one digest', async () => {
    const actor = `admin:${randomUUID()}`;
    const envelopes: EventEnvelope[] = Array.from({ length: BURST }, (_, index) => {
      const ticket = ticketSnapshot(it_.id, {
        number: String(20000 + index),
        owner: { id: dana.id, email: dana.email, name: 'Dana' },
      });
      const id = randomUUID();

      return {
        id,
        source: 'deskflow/ticket',
        type: TicketEvents.assigned.type,
        time: new Date().toISOString(),
        subject: ticket.id,
        dataschema: dataSchemaOf(TicketEvents.assigned),
        actor,
        correlationid: id,
        data: { ticket, previousOwnerId: null, ownerId: dana.id },
      };
    });
    const producer = createKafka('notification-digest-test').producer();
    await producer.connect();
    await producer.send({
      topic: prefixedTopic(Topics.ticket),
      messages: envelopes.map(toKafkaRecord),
    });
    await producer.disconnect();

    const digest = await waitFor(
      () => bed.smtp.to(dana.email).find((mail) => mail.subject.includes('notifications')),
      {
        timeoutMs: 60000,
        what: 'the digest mail',
      },
    );
    await waitForIdle(bed.db, 30000);
    const statuses = await bed.db.query(
      `SELECT "status", count(*)::int AS n FROM "notification"."delivery"
        WHERE "recipient_key" = $1 AND "kind" <> 'digest' GROUP BY "status"`,
      [`agent:${dana.id}`],
    );
    const byStatus = Object.fromEntries(statuses.rows.map((row) => [row.status, row.n]));

    expect(bed.smtp.to(dana.email)).toHaveLength(2);
    expect(digest.subject).toBe(`${BURST - 1} ticket notifications`);
    expect(digest.text).toContain('[#20499] Assigned to you');
    expect(digest.headers.get('auto-submitted')).toBe('auto-generated');
    expect(byStatus).toEqual({ delivered: 1, digested: BURST - 1 });
  });
});
