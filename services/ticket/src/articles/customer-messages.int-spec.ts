import { Person, TicketServiceFixture } from '../../test/support/ticket-service.fixture';

describe('customer messages on resolved and closed tickets', () => {
  let service: TicketServiceFixture;
  let agent: Person;
  let customer: Person;
  let reopening: { id: string };
  let followingUp: { id: string };

  const get = async (ticketId: string) =>
    (await service.expectStatus(200, 'GET', `/tickets/${ticketId}`, { token: agent.token })).body;
  const setState = async (ticketId: string, state: string) =>
    service.expectStatus(200, 'POST', `/tickets/${ticketId}/state`, {
      token: agent.token,
      headers: { 'if-match': await service.etagOf(ticketId, agent.token) },
      body: { state },
    });
  const ticketIn = async (queueId: string, state: string) => {
    const { ticket } = await service.createTicket(
      {
        title: 'Drucker im 2. OG',
        queueId,
        customerId: customer.id,
        article: { bodyText: 'Er druckt nicht.' },
      },
      agent.token,
    );
    await setState(ticket.id, state);

    return ticket;
  };
  const reply = (ticketId: string) =>
    service.request('POST', `/portal/tickets/${ticketId}/replies`, {
      token: customer.token,
      body: { body: 'Er druckt wieder nicht.' },
    });

  beforeAll(async () => {
    service = await TicketServiceFixture.start();
    reopening = await service.createQueue('Reopening desk');
    followingUp = await service.createQueue('Follow-up desk', { closedTicketReply: 'follow_up' });
    agent = await service.createAgent({ [reopening.id]: 'write', [followingUp.id]: 'write' });
    customer = await service.createCustomer();
  });

  afterAll(() => service.close());

  it('reopens resolved tickets in any queue', async () => {
    const ticket = await ticketIn(followingUp.id, 'resolved');

    expect((await reply(ticket.id)).status).toBe(201);

    expect((await get(ticket.id)).state).toBe('open');
  });

  it('reopens closed tickets in reopen queues', async () => {
    const ticket = await ticketIn(reopening.id, 'closed');

    expect((await reply(ticket.id)).status).toBe(201);

    expect((await get(ticket.id)).state).toBe('open');
  });

  it('opens a follow-up ticket from a portal reply', async () => {
    const closed = await ticketIn(followingUp.id, 'closed');

    const response = await reply(closed.id);

    expect(response.status).toBe(201);
    expect(response.body.id).not.toBe(closed.id);
    expect(response.body.title).toBe(`Follow-up to ${closed.number}: Drucker im 2. OG`);
    expect(response.body.queue).toBe('Follow-up desk');
    const links = await service.expectStatus(200, 'GET', `/tickets/${response.body.id}/links`, {
      token: agent.token,
    });
    expect(links.body.map((link: any) => link.linkType)).toEqual(['related']);
    expect(JSON.stringify(links.body)).toContain(closed.id);
    expect(response.body.messages.map((message: any) => message.bodyText)).toEqual([
      'Er druckt wieder nicht.',
    ]);
    expect((await get(closed.id)).state).toBe('closed');
  });

  it('rejects API messages to closed follow-up tickets', async () => {
    const closed = await ticketIn(followingUp.id, 'closed');

    const response = await service.request('POST', `/tickets/${closed.id}/articles`, {
      token: customer.token,
      body: { bodyText: 'Noch eine Frage.' },
    });

    expect(response.status).toBe(409);
    expect(response.body.details).toEqual([
      { field: 'ticketId', reason: 'closed; messages start a follow-up ticket' },
    ]);
    expect((await get(closed.id)).state).toBe('closed');
  });

  it('keeps first resolution and close times', async () => {
    const ticket = await ticketIn(reopening.id, 'resolved');
    const first = await get(ticket.id);
    await reply(ticket.id);
    await setState(ticket.id, 'resolved');
    const again = await get(ticket.id);
    await setState(ticket.id, 'closed');
    const closed = await get(ticket.id);
    await reply(ticket.id);
    await setState(ticket.id, 'closed');

    const last = await get(ticket.id);
    expect(again.resolvedAt).toBe(first.resolvedAt);
    expect(Date.parse(again.lastResolvedAt)).toBeGreaterThan(Date.parse(first.resolvedAt));
    expect(closed.lastResolvedAt).toBe(again.lastResolvedAt);
    expect(last.closedAt).toBe(closed.closedAt);
    expect(last.resolvedAt).toBe(first.resolvedAt);
    expect(Date.parse(last.lastResolvedAt)).toBeGreaterThan(Date.parse(closed.lastResolvedAt));
  });
});
