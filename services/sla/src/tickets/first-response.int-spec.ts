import { TicketEvents } from '@deskflow/contracts';
import { ServiceHarness } from '@deskflow/testing';
import {
  AGENT,
  article,
  createCalendarAndPolicy,
  fireDueAlerts,
  OFFICE_HOURS_8_TO_17,
  SlaEventCollector,
  SlaTables,
  startSla,
  tablesOf,
  TicketEventPublisher,
  ticketSnapshot,
  waitForProcessed,
} from '../../test/sla-test-kit';
import { ManualTimeSource } from '../time/time-source';

describe('first-response clock', () => {
  const time = new ManualTimeSource(new Date('2026-11-16T07:00:00Z'));
  const publisher = new TicketEventPublisher();
  const collector = new SlaEventCollector();
  let harness: ServiceHarness;
  let tables: SlaTables;
  let agentToken: string;

  beforeAll(async () => {
    harness = await startSla(time);
    tables = tablesOf(harness);
    await publisher.connect();
    await collector.start();
    await createCalendarAndPolicy(harness, OFFICE_HOURS_8_TO_17, {
      isDefault: true,
      firstResponseMinutes: 120,
      warnings: [],
    });
    agentToken = await harness.tokenFor(AGENT);
  });

  afterAll(async () => {
    await collector.stop();
    await publisher.disconnect();
    await harness.close();
  });

  async function openTicket(createdAt: string) {
    const ticket = ticketSnapshot({ createdAt, updatedAt: createdAt });
    const customerMail = article({ createdAt });
    await publisher.publish(TicketEvents.created, { ticket, article: customerMail });
    await collector.waitFor('sla.applied', 1, ticket.id);

    return ticket;
  }

  async function addArticle(
    ticket: ReturnType<typeof ticketSnapshot>,
    fields: Parameters<typeof article>[0],
  ) {
    const snapshot = {
      ...ticket,
      stateType: 'open' as const,
      state: 'open',
      updatedAt: fields.createdAt,
    };
    const event = await publisher.publish(TicketEvents.articleAdded, {
      ticket: snapshot,
      article: article(fields),
    });
    await waitForProcessed(harness, event.id);

    return event;
  }

  it('ignores notes and acknowledgements and breaches once', async () => {
    time.set('2026-11-16T08:00:00Z');
    const ticket = await openTicket('2026-11-16T08:00:00.000Z');
    const [applied] = collector.ofType('sla.applied', ticket.id);
    expect(applied.data.clocks).toEqual([
      expect.objectContaining({
        kind: 'first_response',
        status: 'running',
        dueAt: '2026-11-16T10:00:00.000Z',
      }),
    ]);

    await addArticle(ticket, {
      createdAt: '2026-11-16T08:00:05.000Z',
      senderType: 'system',
      automatic: true,
    });
    await addArticle(ticket, {
      createdAt: '2026-11-16T08:30:00.000Z',
      senderType: 'agent',
      visibility: 'internal',
      kind: 'note',
    });
    time.set('2026-11-16T08:30:00Z');
    const running = await harness.request('GET', `/api/v1/sla/tickets/${ticket.id}`, {
      token: agentToken,
    });
    expect(running.body.clocks).toEqual([
      expect.objectContaining({
        kind: 'first_response',
        status: 'running',
        dueAt: '2026-11-16T10:00:00.000Z',
        remainingBusinessSeconds: 7200 - 1800,
      }),
    ]);

    time.set('2026-11-16T10:00:00Z');
    const [breach] = await collector.waitFor('sla.breached', 1, ticket.id);
    expect(breach.data).toEqual(
      expect.objectContaining({
        kind: 'first_response',
        dueAt: '2026-11-16T10:00:00.000Z',
        scheduledAt: '2026-11-16T10:00:00.000Z',
      }),
    );
    expect(breach.data.ticket.id).toBe(ticket.id);

    const reply = await addArticle(ticket, {
      createdAt: '2026-11-16T10:15:00.000Z',
      senderType: 'agent',
    });
    const [met] = await collector.waitFor('sla.met', 1, ticket.id);
    expect(met.data).toEqual(
      expect.objectContaining({
        kind: 'first_response',
        metAt: '2026-11-16T10:15:00.000Z',
        businessSeconds: 8100,
        breached: true,
      }),
    );

    await publisher.publish(TicketEvents.articleAdded, reply.data, reply.id);
    time.set('2026-11-16T12:00:00Z');
    const later = await addArticle(ticket, {
      createdAt: '2026-11-16T11:00:00.000Z',
      senderType: 'agent',
    });
    expect(later.id).toBeDefined();
    await fireDueAlerts(harness, time);
    expect(await tables.outboxCount('sla.breached', ticket.id)).toBe(1);
    expect(await tables.outboxCount('sla.met', ticket.id)).toBe(1);
  });

  it('meets on time without a breach', async () => {
    time.set('2026-11-16T08:00:00Z');
    const ticket = await openTicket('2026-11-16T08:00:00.000Z');

    await addArticle(ticket, {
      createdAt: '2026-11-16T09:45:00.000Z',
      senderType: 'agent',
      channel: 'phone',
    });
    const [met] = await collector.waitFor('sla.met', 1, ticket.id);
    time.set('2026-11-16T12:00:00Z');
    await fireDueAlerts(harness, time);

    expect(met.data).toEqual(expect.objectContaining({ businessSeconds: 6300, breached: false }));
    const status = await harness.request('GET', `/api/v1/sla/tickets/${ticket.id}`, {
      token: agentToken,
    });
    expect(status.body).toEqual(expect.objectContaining({ escalated: false, breached: false }));
    expect(await tables.outboxCount('sla.breached', ticket.id)).toBe(0);
  });

  it('note made public later meets at publication', async () => {
    time.set('2026-11-16T08:00:00Z');
    const ticket = await openTicket('2026-11-16T08:00:00.000Z');
    const note = article({
      createdAt: '2026-11-16T08:30:00.000Z',
      senderType: 'agent',
      visibility: 'internal',
    });
    const snapshot = { ...ticket, updatedAt: '2026-11-16T08:30:00.000Z' };
    await waitForProcessed(
      harness,
      (await publisher.publish(TicketEvents.articleAdded, { ticket: snapshot, article: note })).id,
    );

    const published = { ...note, visibility: 'public' as const };
    await publisher.publish(TicketEvents.articleUpdated, {
      ticket: { ...snapshot, updatedAt: '2026-11-16T09:40:00.000Z' },
      article: published,
      changedAt: '2026-11-16T09:40:00.000Z',
    });
    const [met] = await collector.waitFor('sla.met', 1, ticket.id);

    expect(met.data).toEqual(
      expect.objectContaining({ metAt: '2026-11-16T09:40:00.000Z', businessSeconds: 6000 }),
    );
  });

  it('reports the late first response as breached', async () => {
    const report = await harness.request(
      'GET',
      '/api/v1/sla/reports/compliance?from=2026-11-16T00:00:00Z&to=2026-11-17T00:00:00Z&timeZone=Europe/Berlin',
      {
        token: agentToken,
      },
    );

    expect(report.status).toBe(200);
    expect(report.body.rows).toEqual([
      expect.objectContaining({
        kind: 'first_response',
        period: '2026-11-16',
        met: 2,
        breached: 1,
        medianBusinessSeconds: 6300,
        p90BusinessSeconds: 7740,
      }),
    ]);
  });

  it('rejects a report range that ends before it starts', async () => {
    const report = await harness.request(
      'GET',
      '/api/v1/sla/reports/compliance?from=2026-11-17T00:00:00Z&to=2026-11-16T00:00:00Z',
      { token: agentToken },
    );

    expect(report.status).toBe(400);
    expect(report.body.details).toEqual([{ field: 'to', reason: 'must be later than from' }]);
  });
});
