import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SlaEvents } from '@deskflow/contracts';
import { waitFor } from '@deskflow/testing';
import { EventCollector } from '../../test/support/event-collector';
import { SlaEventProducer } from '../../test/support/sla-event-producer';
import { Person, TicketServiceFixture } from '../../test/support/ticket-service.fixture';

const NOTE_TEXT = 'Internal: customer is on the watch list';

describe('customer portal API', () => {
  let service: TicketServiceFixture;
  const events = new EventCollector();
  const sla = new SlaEventProducer();
  let agent: Person;
  let erika: Person;
  let ina: Person;
  let mallory: Person;
  let shared: Person;
  let sharedColleague: Person;

  const portal = (method: string, path: string, token: string, body?: unknown) =>
    service.request(method, `/portal/tickets${path}`, { token, body });
  const openTicket = async (customer: Person, title = 'Laptop does not boot') =>
    (
      await service.expectStatus(201, 'POST', '/portal/tickets', {
        token: customer.token,
        body: { title, body: 'Black screen after the update.' },
      })
    ).body;
  const agentReply = (ticketId: string, body: Record<string, unknown>) =>
    service.expectStatus(201, 'POST', `/tickets/${ticketId}/articles`, {
      token: agent.token,
      body,
    });
  const setState = async (ticketId: string, state: string) =>
    service.expectStatus(200, 'PATCH', `/tickets/${ticketId}`, {
      token: agent.token,
      headers: { 'if-match': await service.etagOf(ticketId, agent.token) },
      body: { state },
    });

  beforeAll(async () => {
    service = await TicketServiceFixture.start();
    await Promise.all([events.start(), sla.start()]);
    const general = await service.expectStatus(200, 'GET', '/queues', {
      token: service.admin.token,
    });
    const defaultQueue = general.body.find((queue: any) => queue.isDefault);
    agent = await service.createAgent({ [defaultQueue.id]: 'write' });
    const alpha = await service.createOrganisation(false);
    const beta = await service.createOrganisation(false);
    const sharing = await service.createOrganisation(true);
    erika = await service.createCustomer(alpha.id);
    ina = await service.createCustomer(alpha.id);
    mallory = await service.createCustomer(beta.id);
    shared = await service.createCustomer(sharing.id);
    sharedColleague = await service.createCustomer(sharing.id);
  });

  afterAll(async () => {
    await Promise.all([events.stop(), sla.stop()]);
    await service.close();
  });

  it('creates a portal ticket with the articles the customer read', async () => {
    const articleIds = [randomUUID(), randomUUID()];
    const response = await service.expectStatus(201, 'POST', '/portal/tickets', {
      token: erika.token,
      body: {
        title: 'VPN refuses my password',
        body: 'Since this morning.',
        knowledgeArticleIds: articleIds,
      },
    });

    expect(response.body.status).toBe('Received');
    expect(response.body.messages).toHaveLength(1);
    expect(response.body.messages[0]).toMatchObject({
      from: 'you',
      bodyText: 'Since this morning.',
    });
    const stored = await service.harness.app
      .get(DataSource)
      .query(
        `SELECT "knowledge_article_id" FROM "ticket"."ticket_read_article" WHERE "ticket_id" = $1 ORDER BY 1`,
        [response.body.id],
      );
    expect(stored.map((row: any) => row.knowledge_article_id)).toEqual([...articleIds].sort());
    const created = await events.waitFor(
      'ticket.created',
      (event) => event.subject === response.body.id,
    );
    expect(created.data.ticket.channel).toBe('portal');
  });

  it('rejects bad input naming the field', async () => {
    const response = await portal('POST', '', erika.token, {
      title: '',
      body: 'x',
      knowledgeArticleIds: ['nope'],
      queueId: randomUUID(),
    });

    expect(response.status).toBe(400);
    const fields = response.body.details.map((detail: any) => detail.field);
    expect(fields).toEqual(expect.arrayContaining(['title', 'knowledgeArticleIds.0', 'queueId']));
  });

  it('names body for a message of only whitespace', async () => {
    const ticket = await openTicket(erika);

    const created = await portal('POST', '', erika.token, { title: 'Blank', body: ' \n ' });
    const replied = await portal('POST', `/${ticket.id}/replies`, erika.token, { body: ' ' });

    for (const response of [created, replied]) {
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([
        { field: 'body', reason: 'body must contain text other than whitespace' },
      ]);
    }
  });

  it('shows plain status, promised times and whether they were met', async () => {
    const ticket = await openTicket(erika, 'Printer jam');
    await sla.send(SlaEvents.applied, ticket.id, {
      ticketId: ticket.id,
      ticketNumber: ticket.number,
      clocks: [
        {
          kind: 'first_response',
          status: 'met',
          dueAt: '2026-11-16T10:00:00.000Z',
          metAt: '2026-11-16T09:20:00.000Z',
          breached: false,
          targetSeconds: 3600,
        },
        {
          kind: 'resolution',
          status: 'running',
          dueAt: '2026-11-17T09:00:00.000Z',
          targetSeconds: 86400,
        },
      ],
    });

    const view = await waitFor(
      async () => {
        const response = await portal('GET', `/${ticket.id}`, erika.token);

        return response.body.promised?.resolution ? response.body : undefined;
      },
      { what: 'the SLA projection in the portal' },
    );

    expect(view.promised.firstResponse).toEqual({
      dueAt: '2026-11-16T10:00:00.000Z',
      metAt: '2026-11-16T09:20:00.000Z',
      met: true,
    });
    expect(view.promised.resolution).toEqual({
      dueAt: '2026-11-17T09:00:00.000Z',
      metAt: null,
      met: null,
    });
    await setState(ticket.id, 'pending_customer');
    expect((await portal('GET', `/${ticket.id}`, erika.token)).body.status).toBe('Waiting for you');
  });

  it('never shows internal notes', async () => {
    const ticket = await openTicket(erika);
    await agentReply(ticket.id, { bodyText: NOTE_TEXT, visibility: 'internal' });
    await agentReply(ticket.id, { bodyText: 'Please hold the power button for 10 seconds.' });

    const detail = await portal('GET', `/${ticket.id}`, erika.token);
    const list = await portal('GET', '', erika.token);

    expect(detail.body.messages.map((message: any) => message.bodyText)).toEqual([
      'Black screen after the update.',
      'Please hold the power button for 10 seconds.',
    ]);
    expect(JSON.stringify(detail.body)).not.toContain(NOTE_TEXT);
    expect(JSON.stringify(list.body)).not.toContain(NOTE_TEXT);
    expect(detail.body.messages[1].from).toBe('support');
  });

  it('answers 404 for another customer on every endpoint and changes nothing', async () => {
    const ticket = await openTicket(erika, 'Only for Erika');
    await setState(ticket.id, 'resolved');
    const before = await service.expectStatus(200, 'GET', `/tickets/${ticket.id}`, {
      token: agent.token,
    });

    for (const ref of [ticket.id, ticket.number]) {
      for (const token of [mallory.token, ina.token]) {
        const responses = [
          await portal('GET', `/${ref}`, token),
          await portal('POST', `/${ref}/replies`, token, { body: 'hello' }),
          await portal('POST', `/${ref}/close`, token),
          await portal('PUT', `/${ref}/satisfaction`, token, { rating: 1, comment: 'spam' }),
        ];
        for (const response of responses) {
          expect(response.status).toBe(404);
          expect(JSON.stringify(response.body)).not.toContain('Only for Erika');
        }
      }
    }
    const listed = await portal('GET', '', mallory.token);
    expect(listed.body.items.map((item: any) => item.id)).not.toContain(ticket.id);
    const after = await service.expectStatus(200, 'GET', `/tickets/${ticket.id}`, {
      token: agent.token,
    });
    expect(after.body.version).toBe(before.body.version);
    expect(after.body.state).toBe('resolved');
  });

  it('lets colleagues see tickets only where the organisation shares them', async () => {
    const ticket = await openTicket(shared, 'Shared printer');

    const colleague = await portal('GET', `/${ticket.id}`, sharedColleague.token);
    const outsider = await portal('GET', `/${ticket.id}`, erika.token);

    expect(colleague.status).toBe(200);
    expect(outsider.status).toBe(404);
  });

  it('hides a ticket from its former customer after a customer change', async () => {
    const ticket = await openTicket(erika, 'Moved away');
    await service.expectStatus(200, 'PATCH', `/tickets/${ticket.id}`, {
      token: agent.token,
      headers: { 'if-match': await service.etagOf(ticket.id, agent.token) },
      body: { customerId: mallory.id },
    });

    expect((await portal('GET', `/${ticket.id}`, erika.token)).status).toBe(404);
    expect((await portal('GET', `/${ticket.id}`, mallory.token)).status).toBe(200);
  });

  it('reopens a resolved ticket on reply', async () => {
    const ticket = await openTicket(erika);
    await setState(ticket.id, 'resolved');

    const response = await portal('POST', `/${ticket.id}/replies`, erika.token, {
      body: 'Still broken.',
    });

    expect(response.status).toBe(201);
    expect(response.body.status).toBe('In progress');
    expect(response.body.messages.at(-1)).toMatchObject({ from: 'you', bodyText: 'Still broken.' });
  });

  it('closes a ticket', async () => {
    const ticket = await openTicket(erika);

    const response = await portal('POST', `/${ticket.id}/close`, erika.token);

    expect(response.status).toBe(200);
    expect(response.body.status).toBe('Closed');
    await events.waitFor(
      'ticket.state_changed',
      (event) => event.subject === ticket.id && event.data.to.state === 'closed',
    );
  });

  it('rates once per resolution and replaces a changed rating', async () => {
    const ticket = await openTicket(erika);
    const early = await portal('PUT', `/${ticket.id}/satisfaction`, erika.token, { rating: 5 });
    expect(early.status).toBe(409);

    await setState(ticket.id, 'resolved');
    await portal('PUT', `/${ticket.id}/satisfaction`, erika.token, { rating: 2, comment: 'slow' });
    await portal('PUT', `/${ticket.id}/satisfaction`, erika.token, {
      rating: 4,
      comment: 'fine after all',
    });
    await portal('POST', `/${ticket.id}/replies`, erika.token, { body: 'It broke again.' });
    await setState(ticket.id, 'resolved');
    await portal('PUT', `/${ticket.id}/satisfaction`, erika.token, { rating: 5 });

    const view = await portal('GET', `/${ticket.id}`, erika.token);
    expect(
      view.body.satisfaction.map((rating: any) => [
        rating.resolution,
        rating.rating,
        rating.comment,
      ]),
    ).toEqual([
      [1, 4, 'fine after all'],
      [2, 5, ''],
    ]);
    const invalid = await portal('PUT', `/${ticket.id}/satisfaction`, erika.token, { rating: 6 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.details[0].field).toBe('rating');
  });

  it('pages through the own tickets without repeats', async () => {
    const customer = await service.createCustomer();
    for (let index = 0; index < 5; index += 1) await openTicket(customer, `Page ticket ${index}`);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const page = await portal('GET', query, customer.token);
      seen.push(...page.body.items.map((item: any) => item.title));
      cursor = page.body.nextCursor;
    } while (cursor);

    expect(seen).toEqual([
      'Page ticket 4',
      'Page ticket 3',
      'Page ticket 2',
      'Page ticket 1',
      'Page ticket 0',
    ]);
  });

  it('keeps agents out of the portal', async () => {
    expect((await portal('GET', '', agent.token)).status).toBe(403);
  });
});
