import { EventCollector } from '../../test/support/event-collector';
import { Person, TicketServiceFixture } from '../../test/support/ticket-service.fixture';

describe('tickets API', () => {
  let service: TicketServiceFixture;
  const events = new EventCollector();
  let queueId: string;
  let agent: Person;
  let customer: Person;

  beforeAll(async () => {
    service = await TicketServiceFixture.start();
    await events.start();
    const queue = await service.createQueue('IT', {
      customFields: [
        { key: 'assetTag', label: 'Asset tag', type: 'string', required: false },
        { key: 'site', label: 'Site', type: 'enum', options: ['Berlin', 'Köln'] },
      ],
    });
    queueId = queue.id;
    agent = await service.createAgent({ [queueId]: 'write' });
    customer = await service.createCustomer(undefined, 'de');
  });

  afterAll(async () => {
    await events.stop();
    await service.close();
  });

  it('creates a ticket with number, matrix priority, ETag and a created event', async () => {
    const response = await service.expectStatus(201, 'POST', '/tickets', {
      token: agent.token,
      body: {
        title: 'Drucker im 2. OG druckt nicht',
        queueId,
        customerId: customer.id,
        impact: 'high',
        urgency: 'medium',
        tags: ['printer', 'printer', ' floor-2 '],
        customFields: { site: 'Köln' },
        article: { bodyText: 'Seit heute früh kommt nichts mehr raus.' },
      },
    });

    const ticket = response.body;
    expect(ticket.number).toMatch(/^\d{8}10\d{6}$/);
    expect(ticket.priority).toBe('P2');
    expect(ticket.tags).toEqual(['printer', 'floor-2']);
    expect(ticket.state).toBe('new');
    expect(response.headers.get('etag')).toBe('"v1"');
    const created = await events.waitFor('ticket.created', (event) => event.subject === ticket.id);
    expect(created.data.ticket.customer.email).toBe(customer.email);
    expect(created.data.ticket.customer.language).toBe('de');
    expect(created.data.ticket.queueName).toBe('IT');
    expect(created.data.article.senderType).toBe('customer');
  });

  it('reads a ticket by number as well as by id', async () => {
    const { ticket } = await service.createTicket(
      { title: 'By number', queueId, customerId: customer.id },
      agent.token,
    );

    const byNumber = await service.expectStatus(200, 'GET', `/tickets/${ticket.number}`, {
      token: agent.token,
    });

    expect(byNumber.body.id).toBe(ticket.id);
  });

  it('requires If-Match on writes: 428 when missing, 412 when stale', async () => {
    const { ticket } = await service.createTicket(
      { title: 'Locking', queueId, customerId: customer.id },
      agent.token,
    );

    const missing = await service.request('PATCH', `/tickets/${ticket.id}`, {
      token: agent.token,
      body: { title: 'x' },
    });
    const stale = await service.request('PATCH', `/tickets/${ticket.id}`, {
      token: agent.token,
      body: { title: 'x' },
      headers: { 'if-match': '"v7"' },
    });

    expect(missing.status).toBe(428);
    expect(missing.body.details[0].field).toBe('If-Match');
    expect(stale.status).toBe(412);
  });

  it('rejects stale write with 412', async () => {
    const { ticket, etag } = await service.createTicket(
      { title: 'Stale write', queueId, customerId: customer.id, state: 'open' },
      agent.token,
    );
    const otherAgent = await service.createAgent({ [queueId]: 'write' });

    const first = await service.request('PATCH', `/tickets/${ticket.id}`, {
      token: otherAgent.token,
      body: { state: 'pending_reminder', pendingUntil: '2099-11-20T08:00:00Z' },
      headers: { 'if-match': etag },
    });
    const second = await service.request('PATCH', `/tickets/${ticket.id}`, {
      token: agent.token,
      body: { priority: 'P2' },
      headers: { 'if-match': etag },
    });

    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('"v2"');
    expect(second.status).toBe(412);
    const retry = await service.expectStatus(200, 'PATCH', `/tickets/${ticket.id}`, {
      token: agent.token,
      body: { priority: 'P2' },
      headers: { 'if-match': first.headers.get('etag')! },
    });
    expect(retry.body.state).toBe('pending_reminder');
    expect(retry.body.priority).toBe('P2');
    const updates = events.ofType('ticket.updated', ticket.id);
    await events.waitFor(
      'ticket.updated',
      (event) => event.subject === ticket.id && JSON.stringify(event.data.changes).includes('P2'),
    );
    expect(updates.every((event) => event.data.changes.length > 0)).toBe(true);
  });

  it('lets one of two concurrent writes win', async () => {
    const { ticket, etag } = await service.createTicket(
      { title: 'Race', queueId, customerId: customer.id },
      agent.token,
    );

    const [a, b] = await Promise.all([
      service.request('PATCH', `/tickets/${ticket.id}`, {
        token: agent.token,
        body: { title: 'Race A' },
        headers: { 'if-match': etag },
      }),
      service.request('PATCH', `/tickets/${ticket.id}`, {
        token: agent.token,
        body: { tags: ['b'] },
        headers: { 'if-match': etag },
      }),
    ]);

    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const current = await service.expectStatus(200, 'GET', `/tickets/${ticket.id}`, {
      token: agent.token,
    });
    const winner = a.status === 200 ? a : b;
    expect(current.body.title).toBe(winner.body.title);
    expect(current.body.tags).toEqual(winner.body.tags);
    expect(current.body.version).toBe(2);
  });

  it('gives 200 concurrently created tickets 200 distinct numbers', async () => {
    const creations = Array.from({ length: 200 }, (_, index) =>
      service.request('POST', '/tickets', {
        token: agent.token,
        body: { title: `Concurrent ${index}`, queueId, customerId: customer.id },
      }),
    );

    const responses = await Promise.all(creations);

    expect(responses.filter((response) => response.status !== 201)).toEqual([]);
    expect(new Set(responses.map((response) => response.body.number)).size).toBe(200);
  });

  it('names the allowed states of an invalid transition with 409', async () => {
    const created = await service.createTicket(
      { title: 'Closed', queueId, customerId: customer.id },
      agent.token,
    );
    const closed = await service.expectStatus(200, 'POST', `/tickets/${created.ticket.id}/state`, {
      token: agent.token,
      body: { state: 'closed' },
      headers: { 'if-match': created.etag },
    });
    const ticket = closed.body;
    const etag = closed.headers.get('etag') ?? '';

    const response = await service.request('POST', `/tickets/${ticket.id}/state`, {
      token: agent.token,
      body: { state: 'resolved' },
      headers: { 'if-match': etag },
    });

    expect(response.status).toBe(409);
    expect(response.body.details[0].field).toBe('state');
    expect(response.body.message).toContain('allowed: open, in_progress');
  });

  it.each(['merged', 'limbo'])('rejects requested state %s on updates', async (state) => {
    const { ticket, etag } = await service.createTicket(
      { title: `Requested ${state}`, queueId, customerId: customer.id },
      agent.token,
    );
    const expected = [
      {
        field: 'state',
        reason:
          'state must be one of the following values: new, open, in_progress, pending_reminder, pending_customer, resolved, closed',
      },
    ];

    const patched = await service.request('PATCH', `/tickets/${ticket.id}`, {
      token: agent.token,
      body: { state },
      headers: { 'if-match': etag },
    });
    const changed = await service.request('POST', `/tickets/${ticket.id}/state`, {
      token: agent.token,
      body: { state },
      headers: { 'if-match': etag },
    });

    expect(patched.status).toBe(400);
    expect(patched.body.details).toEqual(expected);
    expect(changed.status).toBe(400);
    expect(changed.body.details).toEqual(expected);
  });

  it('requires pendingUntil for pending_reminder with 400 naming it', async () => {
    const { ticket, etag } = await service.createTicket(
      { title: 'Pending', queueId, customerId: customer.id },
      agent.token,
    );

    const response = await service.request('PATCH', `/tickets/${ticket.id}`, {
      token: agent.token,
      body: { state: 'pending_reminder' },
      headers: { 'if-match': etag },
    });

    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe('pendingUntil');
    const unchanged = await service.expectStatus(200, 'GET', `/tickets/${ticket.id}`, {
      token: agent.token,
    });
    expect(unchanged.body.state).toBe('new');
  });

  it('publishes state_changed and assigned events with before and after', async () => {
    const { ticket, etag } = await service.createTicket(
      { title: 'Assign me', queueId, customerId: customer.id },
      agent.token,
    );

    await service.expectStatus(200, 'PATCH', `/tickets/${ticket.id}`, {
      token: agent.token,
      body: { state: 'open', ownerId: agent.id },
      headers: { 'if-match': etag },
    });

    const stateChanged = await events.waitFor(
      'ticket.state_changed',
      (event) => event.subject === ticket.id,
    );
    expect(stateChanged.data.from).toEqual({ state: 'new', stateType: 'new' });
    expect(stateChanged.data.to).toEqual({ state: 'open', stateType: 'open' });
    const assigned = await events.waitFor(
      'ticket.assigned',
      (event) => event.subject === ticket.id,
    );
    expect(assigned.data.ownerId).toBe(agent.id);
    expect(assigned.data.ticket.owner.email).toBe(agent.email);
    const updated = await events.waitFor('ticket.updated', (event) => event.subject === ticket.id);
    expect(updated.data.changes).toEqual(
      expect.arrayContaining([
        { field: 'state', before: 'new', after: 'open' },
        { field: 'ownerId', before: null, after: agent.id },
      ]),
    );
  });

  it('records every change in the history with actor, field, old and new value', async () => {
    const { ticket, etag } = await service.createTicket(
      { title: 'History', queueId, customerId: customer.id },
      agent.token,
    );
    await service.expectStatus(200, 'PATCH', `/tickets/${ticket.id}`, {
      token: agent.token,
      body: { title: 'History 2', urgency: 'high' },
      headers: { 'if-match': etag },
    });

    const history = await service.expectStatus(200, 'GET', `/tickets/${ticket.id}/history`, {
      token: agent.token,
    });

    const titleChange = history.body.find((entry: { field: string }) => entry.field === 'title');
    expect(titleChange).toMatchObject({
      actor: `agent:${agent.id}`,
      oldValue: 'History',
      newValue: 'History 2',
    });
    const priorityChange = history.body.find(
      (entry: { field: string }) => entry.field === 'priority',
    );
    expect(priorityChange).toMatchObject({ oldValue: 'P3', newValue: 'P2' });
    expect(history.body[0].field).toBe('created');
  });

  it.each([
    ['an unknown field', { title: 'x', queueId: 'Q', colour: 'red' }, 'colour'],
    ['a wrong type', { title: 42, queueId: 'Q', customerId: 'C' }, 'title'],
    ['an overlong title', { title: 'x'.repeat(256), queueId: 'Q', customerId: 'C' }, 'title'],
    [
      'an unknown priority',
      { title: 'x', queueId: 'Q', customerId: 'C', priority: 'P9' },
      'priority',
    ],
    [
      'a wrong custom field type',
      { title: 'x', queueId: 'Q', customerId: 'C', customFields: { site: 'Hamburg' } },
      'customFields.site',
    ],
    [
      'an undefined custom field',
      { title: 'x', queueId: 'Q', customerId: 'C', customFields: { colour: 'red' } },
      'customFields.colour',
    ],
    ['a missing customer', { title: 'x', queueId: 'Q' }, 'customerId'],
    [
      'a non-member owner',
      {
        title: 'x',
        queueId: 'Q',
        customerId: 'C',
        ownerId: '00000000-0000-4000-8000-000000000000',
      },
      'ownerId',
    ],
    [
      'a bad attachment',
      {
        title: 'x',
        queueId: 'Q',
        customerId: 'C',
        article: { bodyText: 'x', attachments: [{ filename: 'a' }] },
      },
      'article.attachments.0.contentBase64',
    ],
    [
      'a blank opening article',
      { title: 'x', queueId: 'Q', customerId: 'C', article: { bodyText: '  ' } },
      'article.bodyText',
    ],
    [
      'a NUL character in a tag',
      { title: 'x', queueId: 'Q', customerId: 'C', tags: ['vpn', 'a\u0000b'] },
      'tags.1',
    ],
    [
      'a mail header in an agent opening article',
      { title: 'x', queueId: 'Q', customerId: 'C', article: { bodyText: 'x', automatic: true } },
      'article.automatic',
    ],
  ])('rejects %s with 400 naming the field', async (_, template, field) => {
    const body = JSON.parse(
      JSON.stringify(template).replace('"Q"', `"${queueId}"`).replace('"C"', `"${customer.id}"`),
    );

    const response = await service.request('POST', '/tickets', { token: agent.token, body });

    expect(response.status).toBe(400);
    expect(response.body.details.map((detail: { field: string }) => detail.field)).toContain(field);
  });

  it.each([
    ['an array', [{ title: 'x' }]],
    ['a string', 'x'],
    ['a number', 42],
    ['null', null],
  ])('rejects a body that is %s with one 400 naming the body', async (type, body) => {
    const { ticket } = await service.createTicket(
      { title: 'Whole body', queueId, customerId: customer.id },
      agent.token,
    );
    const requests: [string, string][] = [
      ['POST', '/tickets'],
      ['PATCH', `/tickets/${ticket.id}`],
      ['POST', '/tickets/bulk'],
    ];

    for (const [method, path] of requests) {
      const response = await service.request(method, path, {
        token: agent.token,
        rawBody: JSON.stringify(body),
        headers: { 'content-type': 'application/json', 'if-match': '"v1"' },
      });

      expect([method, path, response.status]).toEqual([method, path, 400]);
      expect(response.body.details).toEqual([
        { field: 'body', reason: `must be a JSON object, not ${type}` },
      ]);
    }
  });

  it('rejects a text/plain body with 415 naming its type', async () => {
    const response = await service.request('POST', '/tickets', {
      token: agent.token,
      rawBody: 'title=Printer',
      headers: { 'content-type': 'text/plain' },
    });

    expect(response.status).toBe(415);
    expect(response.body.error).toBe('unsupported_media_type');
    expect(response.body.details).toHaveLength(1);
    expect(response.body.details[0].field).toBe('body');
    expect(response.body.details[0].reason).toMatch(/^Content-Type text\/plain is not supported/);
  });

  it('rejects malformed JSON and oversized bodies with a 4xx naming the body', async () => {
    const malformed = await service.request('POST', '/tickets', {
      token: agent.token,
      rawBody: '{"title": "x",',
      headers: { 'content-type': 'application/json' },
    });
    const oversized = await service.request('POST', '/tickets', {
      token: agent.token,
      body: {
        title: 'x',
        queueId,
        customerId: customer.id,
        article: { bodyText: 'x'.repeat(40 * 1024 * 1024) },
      },
    });

    expect(malformed.status).toBe(400);
    expect(malformed.body.details[0].field).toBe('body');
    expect(oversized.status).toBe(413);
    expect(oversized.body.details[0].field).toBe('body');
  });
});
