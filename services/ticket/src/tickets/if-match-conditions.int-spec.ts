import { Person, TicketServiceFixture } from '../../test/support/ticket-service.fixture';

/** The If-Match forms of RFC 9110 on every kind of ticket write. */
describe('ticket If-Match conditions', () => {
  let service: TicketServiceFixture;
  let queueId: string;
  let agent: Person;
  let customer: Person;

  beforeAll(async () => {
    service = await TicketServiceFixture.start();
    queueId = (await service.createQueue('Conditions')).id;
    agent = await service.createAgent({ [queueId]: 'write' });
    customer = await service.createCustomer();
  });

  afterAll(() => service.close());

  const newTicket = async (title = 'Headset') =>
    service.createTicket({ title, queueId, customerId: customer.id }, agent.token);

  const patch = (ticketId: string, ifMatch?: string) =>
    service.request('PATCH', `/tickets/${ticketId}`, {
      token: agent.token,
      headers: ifMatch === undefined ? {} : { 'if-match': ifMatch },
      body: { tags: ['checked'] },
    });

  it('applies a PATCH with If-Match *', async () => {
    const { ticket } = await newTicket();

    const response = await patch(ticket.id, '*');

    expect(response.status).toBe(200);
    expect(response.body.tags).toEqual(['checked']);
    expect(response.headers.get('etag')).toBe('"v2"');
  });

  it('returns 404 for If-Match * on a missing ticket', async () => {
    const response = await patch('00000000-0000-4000-8000-000000000000', '*');

    expect(response.status).toBe(404);
  });

  it('applies a PATCH when one listed ETag is current', async () => {
    const { ticket, etag } = await newTicket();

    const response = await patch(ticket.id, `"v7", ${etag}`);

    expect(response.status).toBe(200);
  });

  it('returns 412 when no listed ETag is current', async () => {
    const { ticket } = await newTicket();

    const response = await patch(ticket.id, '"v7", "v8"');

    expect(response.status).toBe(412);
    expect(response.body.message).toContain('"v1"');
  });

  it('returns 412 for the current ETag sent as weak', async () => {
    const { ticket, etag } = await newTicket();

    const response = await patch(ticket.id, `W/${etag}`);

    expect(response.status).toBe(412);
    expect(response.body.message).toContain('weak entity tags, which never match');
  });

  it.each(['v1', '"v1', '"v1" "v2"', '*, "v1"'])(
    'answers 400 naming If-Match for %j',
    async (header) => {
      const { ticket } = await newTicket();

      const response = await patch(ticket.id, header);

      expect(response.status).toBe(400);
      expect(response.body.details[0].field).toBe('If-Match');
      expect(response.body.details[0].reason).toMatch(/^must be \* or a comma-separated list/);
    },
  );

  it('returns 428 without If-Match', async () => {
    const { ticket } = await newTicket();

    const response = await patch(ticket.id);

    expect(response.status).toBe(428);
    expect(response.body.details[0].field).toBe('If-Match');
  });

  it('changes the state with If-Match *', async () => {
    const { ticket } = await newTicket();

    const response = await service.request('POST', `/tickets/${ticket.id}/state`, {
      token: agent.token,
      headers: { 'if-match': '*' },
      body: { state: 'open' },
    });

    expect(response.status).toBe(200);
    expect(response.body.state).toBe('open');
  });

  it('merges with If-Match * and rejects a malformed one', async () => {
    const { ticket: source } = await newTicket('Duplicate');
    const { ticket: target } = await newTicket('Original');
    const merge = (ifMatch: string) =>
      service.request('POST', `/tickets/${source.id}/merge`, {
        token: agent.token,
        headers: { 'if-match': ifMatch },
        body: { targetTicketId: target.id },
      });

    const malformed = await merge('W/v1');
    const any = await merge('*');

    expect(malformed.status).toBe(400);
    expect(malformed.body.details[0].field).toBe('If-Match');
    expect(any.status).toBe(200);
  });

  it('rejects a malformed optional If-Match on an article', async () => {
    const { ticket } = await newTicket();

    const response = await service.request('POST', `/tickets/${ticket.id}/articles`, {
      token: agent.token,
      headers: { 'if-match': 'v1' },
      body: { bodyText: 'Ersatz bestellt.' },
    });

    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe('If-Match');
  });

  it('checks the bulk ifMatch of each ticket the same way', async () => {
    const first = await newTicket();
    const second = await newTicket();
    const bulk = (tickets: object[]) =>
      service.request('POST', '/tickets/bulk', {
        token: agent.token,
        body: { mode: 'per_ticket', tickets, changes: { tags: ['bulk'] } },
      });

    const malformed = await bulk([{ id: first.ticket.id, ifMatch: 'v1' }]);
    const matched = await bulk([
      { id: first.ticket.id, ifMatch: '*' },
      { id: second.ticket.id, ifMatch: `W/${second.etag}` },
    ]);

    expect(malformed.status).toBe(400);
    expect(malformed.body.details[0].field).toBe('tickets.0.ifMatch');
    expect(matched.status).toBe(200);
    expect(matched.body.results.map((result: { status: number }) => result.status)).toEqual([
      200, 412,
    ]);
  });

  it('names If-Match and the current ETag in a 412', async () => {
    const { ticket, etag } = await newTicket();
    await patch(ticket.id, etag);

    const stale = await patch(ticket.id, etag);
    const weak = await patch(ticket.id, 'W/"v2"');

    expect(stale.status).toBe(412);
    expect(stale.body.error).toBe('precondition_failed');
    expect(stale.body.details).toEqual([
      { field: 'If-Match', reason: expect.stringContaining('stale version') },
    ]);
    expect(stale.body.details[0].reason).toContain('current ETag is "v2"');
    expect(weak.status).toBe(412);
    expect(weak.body.details[0].field).toBe('If-Match');
    expect(weak.body.details[0].reason).toContain('weak entity tags never match');
  });

  it('names stale ifMatch in atomic bulk', async () => {
    const { ticket } = await newTicket();

    const response = await service.request('POST', '/tickets/bulk', {
      token: agent.token,
      body: {
        mode: 'atomic',
        tickets: [{ id: ticket.id, ifMatch: '"v9"' }],
        changes: { tags: [] },
      },
    });

    expect(response.status).toBe(412);
    expect(response.body.details.map((detail: { field: string }) => detail.field)).toEqual([
      'tickets.0',
      'tickets.0.ifMatch',
    ]);
  });
});
