import { DataSource } from 'typeorm';
import { PendingTicketsService } from './pending-tickets.service';
import { EventCollector } from '../../test/support/event-collector';
import { Person, TicketServiceFixture } from '../../test/support/ticket-service.fixture';

const HOUR = 3600_000;

describe('pending ticket worker', () => {
  let service: TicketServiceFixture;
  const events = new EventCollector();
  let pending: PendingTicketsService;
  let queueId: string;
  let agent: Person;
  let customer: Person;

  const later = (hours: number) => new Date(Date.now() + hours * HOUR);
  const ticketIn = async (state: string, pendingUntil?: Date) => {
    const { ticket, etag } = await service.createTicket(
      { title: `Waiting ${state}`, queueId, customerId: customer.id, ownerId: agent.id },
      agent.token,
    );
    await service.expectStatus(200, 'PATCH', `/tickets/${ticket.id}`, {
      token: agent.token,
      headers: { 'if-match': etag },
      body: pendingUntil ? { state, pendingUntil: pendingUntil.toISOString() } : { state },
    });

    return ticket;
  };
  const stateOf = async (ticketId: string) =>
    (await service.expectStatus(200, 'GET', `/tickets/${ticketId}`, { token: agent.token })).body
      .state;

  beforeAll(async () => {
    service = await TicketServiceFixture.start({
      PENDING_POLL_MS: '0',
      PENDING_CUSTOMER_AUTO_RESOLVE_HOURS: '24',
    });
    await events.start();
    pending = service.harness.app.get(PendingTicketsService);
    queueId = (await service.createQueue('Pending')).id;
    agent = await service.createAgent({ [queueId]: 'write' });
    customer = await service.createCustomer();
  });

  afterAll(async () => {
    await events.stop();
    await service.close();
  });

  it('reopens a reminder ticket at its time and tells the owner', async () => {
    const dueAt = later(1);
    const ticket = await ticketIn('pending_reminder', dueAt);

    await pending.processDue(later(0.5));
    expect(await stateOf(ticket.id)).toBe('pending_reminder');

    await pending.processDue(later(2));
    expect(await stateOf(ticket.id)).toBe('open');
    const reached = await events.waitFor(
      'ticket.pending_reminder_reached',
      (event) => event.subject === ticket.id,
    );
    expect(reached.data.dueAt).toBe(dueAt.toISOString());
    expect(reached.data.ticket.owner.id).toBe(agent.id);
  });

  it('resolves a silent customer ticket after the configured hours with a note', async () => {
    const ticket = await ticketIn('pending_customer');

    await pending.processDue(later(23));
    expect(await stateOf(ticket.id)).toBe('pending_customer');

    await pending.processDue(later(25));
    expect(await stateOf(ticket.id)).toBe('resolved');
    const articles = await service.expectStatus(200, 'GET', `/tickets/${ticket.id}/articles`, {
      token: agent.token,
    });
    const note = articles.body.find((article: any) => article.visibility === 'internal');
    expect(note.bodyText).toContain('no answer from the customer for 24 hours');
    const added = await events.waitFor(
      'ticket.article_added',
      (event) => event.data.article.id === note.id,
    );
    expect(added.data.article.visibility).toBe('internal');
    expect(added.data.ticket.state).toBe('resolved');
  });

  it('resolves a customer ticket at its own pending-until time', async () => {
    const ticket = await ticketIn('pending_customer', later(2));

    await pending.processDue(later(3));

    expect(await stateOf(ticket.id)).toBe('resolved');
  });

  it('keeps a ticket the customer answered', async () => {
    const ticket = await ticketIn('pending_customer');
    await service.expectStatus(201, 'POST', `/portal/tickets/${ticket.id}/replies`, {
      token: customer.token,
      body: { body: 'Here is the log.' },
    });

    await pending.processDue(later(30));

    expect(await stateOf(ticket.id)).toBe('open');
  });

  it('handles each due ticket once when two workers run at the same time', async () => {
    const tickets = [];
    for (let index = 0; index < 4; index += 1)
      tickets.push(await ticketIn('pending_reminder', later(1)));

    const [first, second] = await Promise.all([
      pending.processDue(later(2)),
      pending.processDue(later(2)),
    ]);

    expect(first.reopened + second.reopened).toBe(4);
    const recorded: { message_key: string; count: string }[] = await service.harness.app
      .get(DataSource)
      .query(
        `SELECT "message_key", count(*) AS "count" FROM "ticket"."outbox_event"
       WHERE "type" = 'ticket.pending_reminder_reached' AND "message_key" = ANY($1::text[]) GROUP BY 1`,
        [tickets.map((ticket) => ticket.id)],
      );
    expect(recorded).toHaveLength(4);
    expect(recorded.every((row) => Number(row.count) === 1)).toBe(true);
  });
});
