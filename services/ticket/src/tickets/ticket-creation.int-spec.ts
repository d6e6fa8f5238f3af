import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { EventEnvelope } from '@deskflow/contracts';
import { outboxChannel } from '@deskflow/messaging';
import { waitFor } from '@deskflow/testing';
import { SCHEMA } from '../database/schema';
import { EventCollector } from '../../test/support/event-collector';
import { Person, TicketServiceFixture } from '../../test/support/ticket-service.fixture';

/** Replaces what differs between two creations (ids, numbers, times, titles) with its kind. */
function shape(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => shape(item));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([name, item]) => [name, shape(item, name)]),
    );
  }
  if (key === 'id') return 'id';
  if (typeof value !== 'string') return value;
  if (/^[0-9a-f-]{36}$/.test(value)) return 'uuid';
  if (/At$/.test(key) || key === 'time') return 'time';
  if (key === 'number' || key === 'title' || key === 'bodyText') return key;

  return value;
}

/**
 * Creations without work for a hook are written with one statement; the others in a transaction
 * that the hooks join. Both must store and publish the same.
 */
describe('ticket creation', () => {
  let service: TicketServiceFixture;
  const events = new EventCollector();
  let queueId: string;
  let agent: Person;
  let customer: Person;

  beforeAll(async () => {
    service = await TicketServiceFixture.start();
    await events.start();
    queueId = (await service.createQueue('Creation')).id;
    agent = await service.createAgent({ [queueId]: 'write' });
    const organisation = await service.createOrganisation(false, 'gold');
    customer = await service.createCustomer(organisation.id, 'de');
  });

  afterAll(async () => {
    await events.stop();
    await service.close();
  });

  async function createAndCollect(title: string) {
    const { ticket } = await service.createTicket(
      {
        title,
        queueId,
        customerId: customer.id,
        tags: ['vpn'],
        article: { bodyText: `Text of ${title}` },
      },
      agent.token,
    );
    const created = await events.waitFor('ticket.created', (event) => event.subject === ticket.id);
    const history = await service.expectStatus(200, 'GET', `/tickets/${ticket.id}/history`, {
      token: agent.token,
    });

    return { ticket, created, history: history.body };
  }

  it('stores and publishes the same with and without a hook in the creation', async () => {
    // A rule that does not fire leaves the hooks nothing to do.
    const rule = await service.expectStatus(201, 'POST', '/automation/rules', {
      token: service.admin.token,
      body: {
        name: 'Never fires',
        triggers: ['create'],
        conditions: [{ field: 'subject', operator: 'matches', values: ['^never$'] }],
        actions: { addTags: ['never'] },
      },
    });
    // The transaction that a hook joins notifies the relay through Postgres; the single
    // statement wakes this replica's relay, the publishing one, directly.
    const listener = new Client({ connectionString: service.harness.db.url });
    const notifications: string[] = [];
    listener.on('notification', (message) => notifications.push(message.channel));
    await listener.connect();
    await listener.query(`LISTEN "${outboxChannel(SCHEMA)}"`);
    const alone = await createAndCollect('Without a hook');
    // Auto-assignment has work in this queue, but finds no available agent and changes nothing.
    const assignment = (mode: string) =>
      service.expectStatus(200, 'PUT', `/queues/${queueId}/assignment`, {
        token: service.admin.token,
        body: { mode },
      });
    await assignment('round_robin');
    const joined = await createAndCollect('With a hook');
    await assignment('off');
    // Notifications come in commit order, so the creation without a hook sent none before.
    await waitFor(() => notifications.length > 0 || undefined, { what: 'a notification' });
    await listener.end();
    await service.expectStatus(204, 'DELETE', `/automation/rules/${rule.body.id}`, {
      token: service.admin.token,
    });

    expect(notifications).toHaveLength(1);

    expect(shape(joined.ticket)).toEqual(shape(alone.ticket));
    expect(shape(joined.history)).toEqual(shape(alone.history));
    const envelope = (event: EventEnvelope) => shape({ ...event, data: undefined });
    expect(envelope(joined.created)).toEqual(envelope(alone.created));
    expect(shape(joined.created.data)).toEqual(shape(alone.created.data));
    expect(alone.created.data.ticket.organisationTier).toBe('gold');
    expect(alone.created.data.ticket.customer.language).toBe('de');
    expect(alone.ticket.organisation.id).toBe(alone.created.data.ticket.organisationId);
    expect(alone.history.map((entry: { field: string }) => entry.field)).toEqual(['created']);
  });

  it('creates the ticket in the default queue when none is given', async () => {
    const queues = await service.expectStatus(200, 'GET', '/queues', {
      token: service.admin.token,
    });
    const fallback = queues.body.find((queue: { isDefault: boolean }) => queue.isDefault);

    const { ticket } = await service.createTicket({ title: 'No queue', customerId: customer.id });

    expect(ticket.queue.id).toBe(fallback.id);
  });

  it('rejects an inactive customer and an inactive queue', async () => {
    const gone = await service.createCustomer();
    await service.expectStatus(200, 'PATCH', `/customers/${gone.id}`, {
      token: service.admin.token,
      body: { active: false },
    });
    const closed = await service.createQueue();
    await service.expectStatus(200, 'PATCH', `/queues/${closed.id}`, {
      token: service.admin.token,
      body: { active: false },
    });

    const byGone = await service.request('POST', '/tickets', {
      token: service.admin.token,
      body: { title: 'Inactive customer', queueId, customerId: gone.id },
    });
    const inClosed = await service.request('POST', '/tickets', {
      token: service.admin.token,
      body: { title: 'Inactive queue', queueId: closed.id, customerId: customer.id },
    });

    expect([byGone.status, byGone.body.details[0].field]).toEqual([400, 'customerId']);
    expect([inClosed.status, inClosed.body.details[0].field]).toEqual([400, 'queueId']);
  });

  it('refuses an agent who may only read the queue with 403', async () => {
    const reader = await service.createAgent({ [queueId]: 'read' });

    const response = await service.request('POST', '/tickets', {
      token: reader.token,
      body: { title: 'Read only', queueId, customerId: customer.id },
    });

    expect([response.status, response.body.error, response.body.details[0].field]).toEqual([
      403,
      'access_denied',
      'queueId',
    ]);
  });

  describe('with a known Message-ID', () => {
    let token: string;

    beforeAll(async () => {
      token = await service.harness.tokenFor({
        id: randomUUID(),
        role: 'integration',
        scopes: ['tickets:write'],
      });
    });

    function importBody() {
      return {
        title: 'Imported',
        queueId,
        customerId: customer.id,
        article: { bodyText: 'Imported mail', messageId: `<${randomUUID()}@import.example>` },
      };
    }

    /** Returns the counter part of a ticket number: the digits after date and prefix. */
    function counterOf(number: string): number {
      return Number(number.slice(10));
    }

    async function nextCounter(): Promise<number> {
      const { ticket } = await service.createTicket(
        { title: 'Next', queueId, customerId: customer.id },
        agent.token,
      );

      return counterOf(ticket.number);
    }

    it('answers 409 naming article.messageId without taking a number', async () => {
      const body = importBody();
      const first = await service.expectStatus(201, 'POST', '/tickets', { token, body });

      const repeated = await service.request('POST', '/tickets', { token, body });

      expect(repeated.status).toBe(409);
      expect(repeated.body.error).toBe('duplicate_message_id');
      expect(repeated.body.details).toEqual([
        { field: 'article.messageId', reason: 'already stored on an article' },
      ]);
      expect(await nextCounter()).toBe(counterOf(first.body.number) + 1);
    });

    it('creates one ticket of two concurrent deliveries and takes one number', async () => {
      const body = importBody();
      const before = await nextCounter();

      const responses = await Promise.all([
        service.request('POST', '/tickets', { token, body }),
        service.request('POST', '/tickets', { token, body }),
      ]);

      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([201, 409]);
      const created = responses.find((response) => response.status === 201)!;
      const rejected = responses.find((response) => response.status === 409)!;
      expect(rejected.body.details[0].field).toBe('article.messageId');
      expect(counterOf(created.body.number)).toBe(before + 1);
      expect(await nextCounter()).toBe(before + 2);
      const client = new Client({ connectionString: service.harness.db.url });
      await client.connect();
      const stored = await client
        .query(
          `SELECT count(*)::int AS "count" FROM "${SCHEMA}"."article" WHERE "message_id" = $1`,
          [body.article.messageId],
        )
        .finally(() => client.end());
      expect(stored.rows[0].count).toBe(1);
    });
  });

  /** The two creation paths: one statement, and a transaction (attachments need one). */
  const paths: [string, Record<string, unknown>][] = [
    ['one statement', {}],
    [
      'a transaction',
      { attachments: [{ filename: 'a.txt', contentBase64: Buffer.from('x').toString('base64') }] },
    ],
  ];

  async function openingArticle(ticketId: string) {
    const articles = await service.expectStatus(200, 'GET', `/tickets/${ticketId}/articles`, {
      token: agent.token,
    });

    return articles.body[0];
  }

  it.each(paths)(
    'sends an agent-logged opening article from the customer (%s)',
    async (_path, extra) => {
      const { ticket } = await service.createTicket(
        {
          title: 'Logged call',
          queueId,
          customerId: customer.id,
          article: { bodyText: 'Hi', ...extra },
        },
        agent.token,
      );
      const created = await events.waitFor(
        'ticket.created',
        (event) => event.subject === ticket.id,
      );

      const article = await openingArticle(ticket.id);

      expect(article.senderType).toBe('customer');
      expect(article.from).toBe(customer.email);
      expect(created.data.article.fromAddress).toBe(customer.email);
    },
  );

  it.each(paths)('sends an agent article from the agent (%s)', async (_path, extra) => {
    const { ticket } = await service.createTicket(
      {
        title: 'Agent note',
        queueId,
        customerId: customer.id,
        article: { bodyText: 'Called back', senderType: 'agent', ...extra },
      },
      agent.token,
    );

    const article = await openingArticle(ticket.id);

    expect(article.senderType).toBe('agent');
    expect(article.from).toBe(agent.email);
  });

  it('sends logged customer replies from the customer', async () => {
    const { ticket } = await service.createTicket(
      { title: 'Follow-up call', queueId, customerId: customer.id },
      agent.token,
    );

    const response = await service.expectStatus(201, 'POST', `/tickets/${ticket.id}/articles`, {
      token: agent.token,
      body: { bodyText: 'Customer called again', senderType: 'customer' },
    });

    expect(response.body.from).toBe(customer.email);
  });

  it('takes no ticket number for rejected creations', async () => {
    const reader = await service.createAgent({ [queueId]: 'read' });
    const first = await service.createTicket({ title: 'Before', queueId, customerId: customer.id });
    const rejected: [number, string, Record<string, unknown>][] = [
      [400, service.admin.token, { customerId: randomUUID() }],
      [400, service.admin.token, { queueId: randomUUID() }],
      [403, reader.token, {}],
      [403, reader.token, { customerId: undefined, customer: { email: 'new@example.org' } }],
      [400, service.admin.token, { state: 'closed' }],
      [400, service.admin.token, { ownerId: randomUUID() }],
      [400, service.admin.token, { article: { bodyText: ' ' } }],
      [400, service.admin.token, { type: null }],
      [400, service.admin.token, { tags: null }],
      [
        400,
        service.admin.token,
        { customerId: undefined, customer: { email: 'x@example.org' }, state: 'resolved' },
      ],
    ];

    for (const [status, token, change] of rejected) {
      await service.expectStatus(status, 'POST', '/tickets', {
        token,
        body: { title: 'Rejected', queueId, customerId: customer.id, ...change },
      });
    }
    await service.expectStatus(
      404,
      'POST',
      `/tickets/${first.ticket.id}/articles/${randomUUID()}/split`,
      { token: service.admin.token, body: {} },
    );
    const next = await service.createTicket({ title: 'After', queueId, customerId: customer.id });

    expect(BigInt(next.ticket.number) - BigInt(first.ticket.number)).toBe(1n);
  });

  it.each(paths)('stamps ticket, history and event with one time (%s)', async (_path, extra) => {
    const { ticket, etag } = await service.createTicket(
      { title: 'Timed', queueId, customerId: customer.id, article: { bodyText: 'Hi', ...extra } },
      agent.token,
    );
    const created = await events.waitFor('ticket.created', (event) => event.subject === ticket.id);
    const updated = await service.expectStatus(200, 'PATCH', `/tickets/${ticket.id}`, {
      token: agent.token,
      headers: { 'if-match': etag },
      body: { title: 'Timed again' },
    });
    const changed = await events.waitFor('ticket.updated', (event) => event.subject === ticket.id);
    const history = await service.expectStatus(200, 'GET', `/tickets/${ticket.id}/history`, {
      token: agent.token,
    });
    const entry = (field: string) =>
      history.body.find((row: { field: string }) => row.field === field).createdAt;

    expect(entry('created')).toBe(ticket.createdAt);
    expect(created.time).toBe(ticket.createdAt);
    expect(entry('title')).toBe(updated.body.updatedAt);
    expect(changed.time).toBe(updated.body.updatedAt);
  });

  it('names each field that may not be null', async () => {
    const response = await service.request('POST', '/tickets', {
      token: agent.token,
      body: { title: 'Nulls', queueId, customerId: customer.id, type: null, tags: null },
    });

    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([
      { field: 'type', reason: 'must not be null' },
      { field: 'tags', reason: 'must not be null' },
    ]);
  });

  it('names missing required fields by their paths', async () => {
    const response = await service.request('POST', '/tickets', {
      token: agent.token,
      body: {
        queueId,
        customer: { name: 'No Address' },
        article: { bodyText: 'Hi', attachments: [{ filename: 'a.txt' }] },
      },
    });

    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([
      { field: 'title', reason: 'title is required' },
      { field: 'customer.email', reason: 'customer.email is required' },
      {
        field: 'article.attachments.0.contentBase64',
        reason: 'article.attachments.0.contentBase64 is required',
      },
    ]);
  });

  it('names pendingUntil when the state is not pending', async () => {
    const created = await service.request('POST', '/tickets', {
      token: agent.token,
      body: {
        title: 'Later',
        queueId,
        customerId: customer.id,
        pendingUntil: '2030-01-01T00:00:00Z',
      },
    });
    const { ticket, etag } = await service.createTicket(
      { title: 'Now', queueId, customerId: customer.id },
      agent.token,
    );
    const patched = await service.request('PATCH', `/tickets/${ticket.id}`, {
      token: agent.token,
      headers: { 'if-match': etag },
      body: { pendingUntil: '2030-01-01T00:00:00Z' },
    });

    expect(created.status).toBe(400);
    expect(created.body.details[0].field).toBe('pendingUntil');
    expect(patched.status).toBe(400);
    expect(patched.body.details[0].field).toBe('pendingUntil');
  });

  it('rejects sender addresses that a customer sets', async () => {
    const opening = await service.request('POST', '/tickets', {
      token: customer.token,
      body: { title: 'Spoofed', article: { bodyText: 'Hi', from: 'ceo@example.org' } },
    });
    const { ticket } = await service.createTicket(
      { title: 'Own', queueId, customerId: customer.id },
      agent.token,
    );
    const reply = await service.request('POST', `/tickets/${ticket.id}/articles`, {
      token: customer.token,
      body: { bodyText: 'Hi', to: ['victim@example.org'], cc: ['boss@example.org'] },
    });

    expect(opening.status).toBe(400);
    expect(opening.body.details.map((detail: { field: string }) => detail.field)).toEqual([
      'article.from',
    ]);
    expect(reply.status).toBe(400);
    expect(reply.body.details.map((detail: { field: string }) => detail.field)).toEqual([
      'to',
      'cc',
    ]);
  });

  it.each(['resolved', 'closed', 'merged'])('rejects creation in state %s', async (state) => {
    const response = await service.request('POST', '/tickets', {
      token: agent.token,
      body: { title: `Born ${state}`, queueId, customerId: customer.id, state },
    });

    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe('state');
    expect(response.body.details[0].reason).toContain(
      'allowed: new, open, in_progress, pending_reminder, pending_customer',
    );
  });

  it('lists only initial states for an unknown state', async () => {
    const response = await service.request('POST', '/tickets', {
      token: agent.token,
      body: { title: 'Born in limbo', queueId, customerId: customer.id, state: 'limbo' },
    });

    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([
      {
        field: 'state',
        reason:
          'a ticket cannot be created in state limbo; allowed: new, open, in_progress, pending_reminder, pending_customer',
      },
    ]);
  });

  it.each(['open', 'in_progress', 'pending_customer'])(
    'creates a ticket in state %s',
    async (state) => {
      const { ticket } = await service.createTicket(
        { title: `Born ${state}`, queueId, customerId: customer.id, state },
        agent.token,
      );

      expect(ticket.state).toBe(state);
    },
  );
});
