import { Person, TicketServiceFixture } from '../../test/support/ticket-service.fixture';

describe('bulk ticket updates', () => {
  let service: TicketServiceFixture;
  let queueId: string;
  let agent: Person;
  let customer: Person;

  beforeAll(async () => {
    service = await TicketServiceFixture.start();
    queueId = (await service.createQueue('Bulk')).id;
    agent = await service.createAgent({ [queueId]: 'write' });
    customer = await service.createCustomer();
  });

  afterAll(async () => {
    await service.close();
  });

  async function tickets(count: number, extra: object = {}): Promise<any[]> {
    const created = [];
    for (let index = 0; index < count; index++) {
      created.push(
        (
          await service.createTicket(
            { title: `Bulk ${index}`, queueId, customerId: customer.id, ...extra },
            agent.token,
          )
        ).ticket,
      );
    }

    return created;
  }

  async function states(ids: string[]): Promise<string[]> {
    const responses = await Promise.all(
      ids.map((id) => service.expectStatus(200, 'GET', `/tickets/${id}`, { token: agent.token })),
    );

    return responses.map((response) => response.body.state);
  }

  it('changes every ticket in atomic mode', async () => {
    const batch = await tickets(3);

    const response = await service.expectStatus(200, 'POST', '/tickets/bulk', {
      token: agent.token,
      body: {
        mode: 'atomic',
        tickets: batch.map((ticket) => ({ id: ticket.id })),
        changes: { state: 'open', tags: ['bulk'] },
      },
    });

    expect(response.body.results.map((result: any) => result.status)).toEqual([200, 200, 200]);
    expect(await states(batch.map((ticket) => ticket.id))).toEqual(['open', 'open', 'open']);
  });

  it('changes nothing in atomic mode when one ticket fails, and names it', async () => {
    const batch = await tickets(2);
    const [closed] = await tickets(1);
    await service.expectStatus(200, 'POST', `/tickets/${closed.id}/state`, {
      token: agent.token,
      body: { state: 'closed' },
      headers: { 'if-match': '"v1"' },
    });
    const ids = [batch[0].id, closed.id, batch[1].id];

    const response = await service.request('POST', '/tickets/bulk', {
      token: agent.token,
      body: { mode: 'atomic', tickets: ids.map((id) => ({ id })), changes: { state: 'resolved' } },
    });

    expect(response.status).toBe(409);
    expect(response.body.details[0].field).toBe('tickets.1');
    expect(await states(ids)).toEqual(['new', 'closed', 'new']);
  });

  it('reports per-ticket results for stale and hidden', async () => {
    const [ok, stale] = await tickets(2);
    const hiddenQueue = await service.createQueue('Bulk hidden');
    const { ticket: hidden } = await service.createTicket({
      title: 'hidden',
      queueId: hiddenQueue.id,
      customerId: customer.id,
    });

    const response = await service.expectStatus(200, 'POST', '/tickets/bulk', {
      token: agent.token,
      body: {
        mode: 'per_ticket',
        tickets: [
          { id: ok.id, ifMatch: '"v1"' },
          { id: stale.id, ifMatch: '"v9"' },
          { id: hidden.id },
        ],
        changes: { priority: 'P1' },
      },
    });

    expect(response.body.results.map((result: any) => result.status)).toEqual([200, 412, 404]);
    expect(response.body.results[0].etag).toBe('"v2"');
    expect(JSON.stringify(response.body.results[2])).not.toContain('hidden');
  });

  it('rejects invalid bulk bodies with 400 naming the field', async () => {
    const response = await service.request('POST', '/tickets/bulk', {
      token: agent.token,
      body: { mode: 'sometimes', tickets: [], changes: { priority: 'P7' } },
    });

    expect(response.status).toBe(400);
    expect(response.body.details.map((detail: { field: string }) => detail.field)).toEqual(
      expect.arrayContaining(['mode', 'tickets', 'changes.priority']),
    );
  });

  it('names missing bulk fields as required', async () => {
    const [ticket] = await tickets(1);

    const response = await service.request('POST', '/tickets/bulk', {
      token: agent.token,
      body: { tickets: [{ id: ticket.id }, { ifMatch: '"v1"' }] },
    });

    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([
      { field: 'tickets.1.id', reason: 'tickets.1.id is required' },
      {
        field: 'mode',
        reason: 'mode is required and must be one of the following values: atomic, per_ticket',
      },
      { field: 'changes', reason: 'changes is required' },
    ]);
  });

  it('rejects a merged target state in bulk', async () => {
    const [ticket] = await tickets(1);

    const response = await service.request('POST', '/tickets/bulk', {
      token: agent.token,
      body: { mode: 'per_ticket', tickets: [{ id: ticket.id }], changes: { state: 'merged' } },
    });

    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([
      {
        field: 'changes.state',
        reason:
          'changes.state must be one of the following values: new, open, in_progress, pending_reminder, pending_customer, resolved, closed',
      },
    ]);
    expect(await states([ticket.id])).toEqual(['new']);
  });

  it.each(['atomic', 'per_ticket'])('rejects a ticket listed twice (%s)', async (mode) => {
    const [first, second] = await tickets(2);
    const refs = [
      { id: first.id },
      { id: second.id },
      { id: first.id.toUpperCase() },
      { id: second.number },
    ];

    const response = await service.request('POST', '/tickets/bulk', {
      token: agent.token,
      body: { mode, tickets: refs, changes: { priority: 'P1' } },
    });

    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([
      { field: 'tickets.2.id', reason: expect.stringContaining('same ticket as tickets.0.id') },
      { field: 'tickets.3.id', reason: expect.stringContaining('same ticket as tickets.1.id') },
    ]);
    expect(await states([first.id, second.id])).toEqual(['new', 'new']);
  });

  it('leaves hidden ticket numbers unresolved', async () => {
    const hiddenQueue = await service.createQueue('Bulk hidden twice');
    const { ticket: hidden } = await service.createTicket({
      title: 'hidden twice',
      queueId: hiddenQueue.id,
      customerId: customer.id,
    });

    const response = await service.expectStatus(200, 'POST', '/tickets/bulk', {
      token: agent.token,
      body: {
        mode: 'per_ticket',
        tickets: [{ id: hidden.id }, { id: hidden.number }],
        changes: { priority: 'P1' },
      },
    });

    expect(response.body.results.map((result: any) => result.status)).toEqual([404, 404]);
  });
});
