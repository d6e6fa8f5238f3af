import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Topics } from '@deskflow/contracts';
import { ServiceHarness, waitFor } from '@deskflow/testing';
import { createCalendarAndPolicy } from '../../services/sla/test/sla-test-kit';
import {
  DEV_ADMIN_EMAIL,
  DEV_ADMIN_PASSWORD,
} from '../../services/ticket/src/people/admin-seed.service';
import { EventWebhookReceiver } from './event-webhook-receiver';
import { ReplicatedStack, startReplicatedStack } from './replicated-stack';
import { TopicReader } from './topic-reader';

const ADMIN = { id: '00000000-0000-4000-8000-0000000005ca', role: 'admin' as const };

describe('two replicas of every service', () => {
  const ticketTopic = new TopicReader(Topics.ticket);
  const slaTopic = new TopicReader(Topics.sla);
  let stack: ReplicatedStack;
  let db: Client;
  let ticketAdmin: string;
  let queueId: string;

  beforeAll(async () => {
    stack = await startReplicatedStack();
    db = new Client({ connectionString: stack.ticket[0].db.url });
    await db.connect();
    await ticketTopic.start();
    await slaTopic.start();
    ticketAdmin = await login(stack.ticket[0]);
    queueId = (
      await send(stack.ticket[1], 201, 'POST', '/queues', ticketAdmin, { name: 'Service Desk' })
    ).body.id;
  }, 180000);

  afterAll(async () => {
    await ticketTopic.stop();
    await slaTopic.stop();
    await db?.end();
    await stack?.close();
  });

  async function login(harness: ServiceHarness): Promise<string> {
    const response = await send(harness, 200, 'POST', '/auth/login', undefined, {
      email: DEV_ADMIN_EMAIL,
      password: DEV_ADMIN_PASSWORD,
    });

    return response.body.accessToken;
  }

  /** Sends a request under `/api/v1` and fails with the response unless its status is `status`. */
  async function send(
    harness: ServiceHarness,
    status: number,
    method: string,
    path: string,
    token?: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const response = await harness.request(method, `/api/v1${path}`, { token, body, headers });
    if (response.status !== status) {
      throw new Error(
        `${method} ${path}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`,
      );
    }

    return response;
  }

  async function createCustomer(harness: ServiceHarness): Promise<{ id: string; email: string }> {
    const email = `customer-${randomUUID().slice(0, 8)}@example.org`;
    const response = await send(harness, 201, 'POST', '/customers', ticketAdmin, {
      email,
      name: 'Erika Muster',
    });

    return { id: response.body.id, email };
  }

  async function createTicket(
    harness: ServiceHarness,
    customerId: string,
    title: string,
    queue = queueId,
  ) {
    const response = await send(harness, 201, 'POST', '/tickets', ticketAdmin, {
      title,
      queueId: queue,
      customerId,
      article: { bodyText: 'The printer on floor 3 shows error E42.' },
    });

    return { ticket: response.body, etag: response.headers.get('etag')! };
  }

  describe('ticket', () => {
    it('reads through one instance what the other wrote', async () => {
      const customer = await createCustomer(stack.ticket[0]);
      const { ticket } = await createTicket(
        stack.ticket[0],
        customer.id,
        'Written through the first instance',
      );

      const read = await send(stack.ticket[1], 200, 'GET', `/tickets/${ticket.id}`, ticketAdmin);

      expect(read.body.title).toBe('Written through the first instance');
      expect(read.body.number).toBe(ticket.number);
    });

    it('gives 412 to the stale writer on the other instance', async () => {
      const customer = await createCustomer(stack.ticket[0]);
      const { ticket, etag } = await createTicket(
        stack.ticket[0],
        customer.id,
        'Locked across instances',
      );

      const first = await stack.ticket[0].request('PATCH', `/api/v1/tickets/${ticket.id}`, {
        token: ticketAdmin,
        body: { title: 'First writer' },
        headers: { 'if-match': etag },
      });
      const stale = await stack.ticket[1].request('PATCH', `/api/v1/tickets/${ticket.id}`, {
        token: ticketAdmin,
        body: { title: 'Stale writer' },
        headers: { 'if-match': etag },
      });
      const read = await send(stack.ticket[1], 200, 'GET', `/tickets/${ticket.id}`, ticketAdmin);

      expect(first.status).toBe(200);
      expect(stale.status).toBe(412);
      expect(read.body.title).toBe('First writer');
    });
  });

  describe('knowledge', () => {
    it('serves and locks an article across instances', async () => {
      const token = await stack.knowledge[0].tokenFor(ADMIN);
      const created = await send(stack.knowledge[0], 201, 'POST', '/articles', token, {
        title: 'Reset a forgotten password',
        bodyMarkdown: 'Open the portal and choose *Forgot password*.',
        locale: 'en',
        visibility: 'public',
      });
      const etag = created.headers.get('etag')!;

      const read = await send(
        stack.knowledge[1],
        200,
        'GET',
        `/articles/${created.body.id}`,
        token,
      );
      const first = await stack.knowledge[1].request(
        'PATCH',
        `/api/v1/articles/${created.body.id}`,
        {
          token,
          body: { title: 'Reset a password' },
          headers: { 'if-match': etag },
        },
      );
      const stale = await stack.knowledge[0].request(
        'PATCH',
        `/api/v1/articles/${created.body.id}`,
        {
          token,
          body: { title: 'Stale title' },
          headers: { 'if-match': etag },
        },
      );
      const reread = await send(
        stack.knowledge[0],
        200,
        'GET',
        `/articles/${created.body.id}`,
        token,
      );

      expect(read.body.title).toBe('Reset a forgotten password');
      expect(read.headers.get('etag')).toBe(etag);
      expect(first.status).toBe(200);
      expect(stale.status).toBe(412);
      expect(reread.body.title).toBe('Reset a password');
    });
  });

  describe('outbox relay', () => {
    const TICKETS = 4;
    const UPDATES = 5;

    /** Changes a ticket's title `UPDATES` times, each write through the other instance. */
    async function updateAlternately(ticket: { id: string }, etag: string): Promise<void> {
      let current = etag;
      for (let update = 1; update <= UPDATES; update++) {
        const instance = stack.ticket[update % 2];
        const body = { title: `Revision ${update}` };
        const response = await send(
          instance,
          200,
          'PATCH',
          `/tickets/${ticket.id}`,
          ticketAdmin,
          body,
          { 'if-match': current },
        );
        current = response.headers.get('etag')!;
      }
    }

    async function outboxIdsByKey(ticketIds: string[]): Promise<Map<string, string[]>> {
      const result = await db.query(
        'SELECT "message_key", "id" FROM "ticket"."outbox_event" WHERE "message_key" = ANY($1) ORDER BY "seq"',
        [ticketIds],
      );
      const byKey = new Map<string, string[]>(ticketIds.map((id) => [id, []]));
      for (const row of result.rows) byKey.get(row.message_key)!.push(row.id);

      return byKey;
    }

    /** Backend process ids of the sessions holding the ticket relay's advisory lock. */
    async function relayLockHolders(): Promise<number[]> {
      const result = await db.query(
        `SELECT pid FROM pg_locks
          WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            AND ((classid::bigint << 32) | objid::bigint) = hashtext('deskflow:outbox:ticket')::bigint`,
      );

      return result.rows.map((row) => row.pid as number);
    }

    it('publishes each event once and in order per ticket', async () => {
      const customer = await createCustomer(stack.ticket[1]);
      const created = await Promise.all(
        Array.from({ length: TICKETS }, (_, index) =>
          createTicket(stack.ticket[index % 2], customer.id, `Relay ticket ${index}`),
        ),
      );
      await Promise.all(created.map(({ ticket, etag }) => updateAlternately(ticket, etag)));
      const ticketIds = created.map(({ ticket }) => ticket.id as string);
      const expected = await outboxIdsByKey(ticketIds);
      const allIds = [...expected.values()].flat();
      await ticketTopic.waitForIds(allIds, `${allIds.length} ticket events on the topic`);

      const deliveries = new Map<string, number>();
      for (const record of ticketTopic.records) {
        deliveries.set(record.envelope.id, (deliveries.get(record.envelope.id) ?? 0) + 1);
      }
      expect(allIds.filter((id) => deliveries.get(id) !== 1)).toEqual([]);
      for (const ticketId of ticketIds) {
        const partitions = new Set(
          ticketTopic.records
            .filter((record) => record.envelope.subject === ticketId)
            .map((record) => record.partition),
        );
        expect(expected.get(ticketId)).toHaveLength(1 + UPDATES);
        expect(partitions.size).toBe(1);
        expect(ticketTopic.idsOfKey(ticketId)).toEqual(expected.get(ticketId));
      }
      expect(await relayLockHolders()).toHaveLength(1);
    });

    it('hands publishing over when the holder loses its session', async () => {
      const [holder] = await relayLockHolders();
      await db.query('SELECT pg_terminate_backend($1)', [holder]);
      const successor = await waitFor(
        async () => {
          const holders = await relayLockHolders();

          return holders.length === 1 && holders[0] !== holder && holders[0];
        },
        { what: 'another session to take the relay lock' },
      );
      const customer = await createCustomer(stack.ticket[0]);
      const { ticket } = await createTicket(
        stack.ticket[0],
        customer.id,
        'Published after the handover',
      );
      const [eventId] = (await outboxIdsByKey([ticket.id])).get(ticket.id)!;
      await ticketTopic.waitForIds([eventId], 'the event recorded after the handover');

      expect(successor).not.toBe(holder);
      expect(ticketTopic.records.filter((record) => record.envelope.id === eventId)).toHaveLength(
        1,
      );
    });
  });

  describe('SLA breach and its notifications', () => {
    const receiver = new EventWebhookReceiver([500, 500]);
    let ticketId: string;
    let customer: { id: string; email: string };
    let breaches: string[];

    beforeAll(async () => {
      await receiver.start();
      const notificationToken = await stack.notification[0].tokenFor(ADMIN);
      await send(stack.notification[0], 201, 'POST', '/webhooks', notificationToken, {
        url: receiver.url,
        eventTypes: ['sla.breached'],
      });
      // A queue of its own keeps the policy, and so the webhook, to this one ticket.
      const breachQueue = (
        await send(stack.ticket[0], 201, 'POST', '/queues', ticketAdmin, { name: 'Escalations' })
      ).body.id;
      await createCalendarAndPolicy(
        stack.sla[0],
        { timeZone: 'UTC', alwaysOpen: true },
        { queueIds: [breachQueue], firstResponseMinutes: 1, resolutionMinutes: 2 },
      );
      customer = await createCustomer(stack.ticket[0]);
      const { ticket } = await createTicket(
        stack.ticket[1],
        customer.id,
        'Breaches its SLA',
        breachQueue,
      );
      ticketId = ticket.id;
      const applied = await slaTopic.waitForType('sla.applied', ticketId);
      expect(applied.data.clocks.map((clock: { kind: string }) => clock.kind).sort()).toEqual([
        'first_response',
        'resolution',
      ]);

      stack.slaTime.set(new Date(Date.parse(ticket.createdAt) + 5 * 60_000));
      await waitFor(() => slaTopic.ofType('sla.breached', ticketId).length >= 2, {
        timeoutMs: 30000,
        what: 'two sla.breached events',
      });
      await waitFor(
        async () =>
          (
            await db.query(
              'SELECT 1 FROM "sla"."alert" WHERE "ticket_id" = $1 AND "fired_at" IS NULL',
              [ticketId],
            )
          ).rowCount === 0,
        { what: 'every alert of the ticket to be fired' },
      );
      await waitFor(
        async () =>
          (await db.query('SELECT 1 FROM "sla"."outbox_event" WHERE "published_at" IS NULL'))
            .rowCount === 0,
        { what: 'the SLA outbox to be relayed' },
      );
      breaches = slaTopic.ofType('sla.breached', ticketId).map((event) => event.id);
    });

    afterAll(async () => {
      await receiver.stop();
    });

    it('fires one breach per clock with both schedulers running', async () => {
      const recorded = await db.query(
        `SELECT count(*)::int AS n FROM "sla"."outbox_event" WHERE "type" = 'sla.breached' AND "message_key" = $1`,
        [ticketId],
      );
      const clocks = new Set(
        slaTopic.ofType('sla.breached', ticketId).map((event) => event.data.clockId),
      );

      expect(recorded.rows[0].n).toBe(2);
      expect(breaches).toHaveLength(2);
      expect(clocks.size).toBe(2);
    });

    it('retries each breach webhook to exactly one success', async () => {
      await waitFor(
        async () => {
          const result = await db.query(
            `SELECT "status" FROM "notification"."delivery" WHERE "channel" = 'webhook' AND "source_event_id" = ANY($1)`,
            [breaches],
          );
          const statuses = result.rows.map((row) => row.status as string);
          if (statuses.length !== 2 || statuses.some((status) => status !== 'delivered')) {
            throw new Error(`webhook delivery statuses: ${JSON.stringify(statuses)}`);
          }

          return true;
        },
        { timeoutMs: 30000, what: 'both breach webhooks to be delivered' },
      );

      for (const eventId of breaches) {
        expect(receiver.attemptsOf(eventId).map((attempt) => attempt.status)).toEqual([
          500, 500, 200,
        ]);
      }
    });

    it('mails the acknowledgement to the customer once', async () => {
      await waitFor(
        async () => {
          const result = await db.query(
            `SELECT "status" FROM "notification"."delivery" WHERE "channel" = 'email' AND "recipient_key" = $1`,
            [`customer:${customer.id}`],
          );

          return result.rows.length > 0 && result.rows.every((row) => row.status === 'delivered');
        },
        { timeoutMs: 30000, what: 'the acknowledgement to be delivered' },
      );
      const mails = stack.smtp.to(customer.email);

      expect(mails).toHaveLength(1);
    });
  });
});
