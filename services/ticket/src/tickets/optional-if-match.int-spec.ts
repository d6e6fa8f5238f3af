import { Person, TicketServiceFixture } from '../../test/support/ticket-service.fixture';

/** Writes that add to a ticket check `If-Match` when it is sent and do without it otherwise. */
describe('writes that take If-Match optionally', () => {
  let service: TicketServiceFixture;
  let queueId: string;
  let agent: Person;
  let customer: Person;

  const newTicket = async () => {
    const { ticket, etag } = await service.createTicket(
      {
        title: 'Monitor',
        queueId,
        customerId: customer.id,
        article: { bodyText: 'Bleibt schwarz.' },
      },
      agent.token,
    );
    await service.expectStatus(200, 'PATCH', `/tickets/${ticket.id}`, {
      token: agent.token,
      headers: { 'if-match': etag },
      body: { tags: ['hardware'] },
    });

    return { ticket, staleEtag: etag, etag: await service.etagOf(ticket.id, agent.token) };
  };
  const resolved = async () => {
    const { ticket, etag } = await newTicket();
    await service.expectStatus(200, 'POST', `/tickets/${ticket.id}/state`, {
      token: agent.token,
      headers: { 'if-match': etag },
      body: { state: 'resolved' },
    });
    const portal = await service.expectStatus(200, 'GET', `/portal/tickets/${ticket.id}`, {
      token: customer.token,
    });

    return { ticket, etag: portal.headers.get('etag')!, staleEtag: etag };
  };

  beforeAll(async () => {
    service = await TicketServiceFixture.start();
    queueId = (await service.createQueue('Optional locks')).id;
    agent = await service.createAgent({ [queueId]: 'write' });
    customer = await service.createCustomer();
  });

  afterAll(() => service.close());

  it('adds articles with optional If-Match', async () => {
    const { ticket, etag, staleEtag } = await newTicket();
    const add = (headers: Record<string, string>) =>
      service.request('POST', `/tickets/${ticket.id}/articles`, {
        token: agent.token,
        headers,
        body: { bodyText: 'Kabel geprüft.' },
      });

    expect((await add({ 'if-match': staleEtag })).status).toBe(412);
    expect((await add({ 'if-match': etag })).status).toBe(201);
    expect((await add({})).status).toBe(201);
  });

  it('links and unlinks with optional If-Match', async () => {
    const { ticket, etag, staleEtag } = await newTicket();
    const { ticket: other } = await newTicket();
    const link = (headers: Record<string, string>) =>
      service.request('POST', `/tickets/${ticket.id}/links`, {
        token: agent.token,
        headers,
        body: { targetTicketId: other.id, linkType: 'related' },
      });

    expect((await link({ 'if-match': staleEtag })).status).toBe(412);
    const created = await link({ 'if-match': etag });
    expect(created.status).toBe(201);
    expect((await link({})).status).toBe(200);
    const unlinkPath = `/tickets/${ticket.id}/links/${created.body.id}`;
    expect(
      (
        await service.request('DELETE', unlinkPath, {
          token: agent.token,
          headers: { 'if-match': staleEtag },
        })
      ).status,
    ).toBe(412);
    expect((await service.request('DELETE', unlinkPath, { token: agent.token })).status).toBe(204);
  });

  it('updates in bulk without If-Match', async () => {
    const { ticket } = await newTicket();

    const response = await service.expectStatus(200, 'POST', '/tickets/bulk', {
      token: agent.token,
      body: { tickets: [{ id: ticket.id }], changes: { priority: 'P1' }, mode: 'atomic' },
    });

    expect(response.body.results.map((result: any) => result.status)).toEqual([200]);
  });

  it('closes in the portal with optional If-Match', async () => {
    const first = await resolved();
    const second = await resolved();
    const close = (ticketId: string, headers: Record<string, string>) =>
      service.request('POST', `/portal/tickets/${ticketId}/close`, {
        token: customer.token,
        headers,
      });

    const stale = await close(first.ticket.id, { 'if-match': first.staleEtag });
    const current = await close(first.ticket.id, { 'if-match': first.etag });
    const without = await close(second.ticket.id, {});

    expect(stale.status).toBe(412);
    expect(current.status).toBe(200);
    expect(current.body.status).toBe(without.body.status);
    expect(current.headers.get('etag')).not.toBe(first.etag);
    expect(without.status).toBe(200);
  });

  it('rates in the portal with optional If-Match', async () => {
    const { ticket, etag, staleEtag } = await resolved();
    const rate = (headers: Record<string, string>, rating: number) =>
      service.request('PUT', `/portal/tickets/${ticket.id}/satisfaction`, {
        token: customer.token,
        headers,
        body: { rating },
      });

    expect((await rate({ 'if-match': staleEtag }, 1)).status).toBe(412);
    expect((await rate({ 'if-match': etag }, 4)).status).toBe(200);
    expect((await rate({}, 5)).status).toBe(200);
    const portal = await service.expectStatus(200, 'GET', `/portal/tickets/${ticket.id}`, {
      token: customer.token,
    });
    expect(portal.body.satisfaction.map((rating: any) => rating.rating)).toEqual([5]);
  });
});
