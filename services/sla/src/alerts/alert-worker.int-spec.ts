import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parsePayload, SlaEvents, TicketCreatedPayload, TicketEvents } from '@deskflow/contracts';
import { ServiceHarness } from '@deskflow/testing';
import { ManualTimeSource } from '../time/time-source';
import {
  ADMIN,
  AGENT,
  createCalendarAndPolicy,
  fireDueAlerts,
  SlaEventCollector,
  SlaTables,
  startReplica,
  startSla,
  tablesOf,
  TicketEventPublisher,
  TicketScript,
} from '../../test/sla-test-kit';

const ALWAYS_OPEN = { timeZone: 'Europe/Berlin', alwaysOpen: true };

describe('alert worker with two instances', () => {
  const time = new ManualTimeSource(new Date('2026-11-16T08:00:00Z'));
  const publisher = new TicketEventPublisher();
  const collector = new SlaEventCollector();
  let harness: ServiceHarness;
  let replica: NestFastifyApplication;
  let tables: SlaTables;

  beforeAll(async () => {
    harness = await startSla(time);
    replica = await startReplica(harness, time);
    tables = tablesOf(harness);
    await publisher.connect();
    await collector.start();
  });

  afterAll(async () => {
    await collector.stop();
    await publisher.disconnect();
    await replica.close();
    await harness.close();
  });

  /** Fires what is due now on both instances and waits until it is fired and relayed. */
  function fireOnBoth(): Promise<void> {
    return fireDueAlerts(harness, time, [harness.app, replica]);
  }

  async function newTicket(queueId: string): Promise<TicketScript> {
    const ticket = new TicketScript(harness, publisher, { queueId });
    await ticket.create('2026-11-16T09:00:00.000Z');

    return ticket;
  }

  it('warns and breaches once across instances, a restart and a redelivery', async () => {
    const queueId = randomUUID();
    await createCalendarAndPolicy(harness, ALWAYS_OPEN, {
      queueIds: [queueId],
      firstResponseMinutes: 60,
      warnings: [{ percent: 80 }],
    });
    time.set('2026-11-16T09:00:00Z');
    const ticket = new TicketScript(harness, publisher, { queueId });
    const created = await ticket.create('2026-11-16T09:00:00.000Z');

    time.set('2026-11-16T09:48:00Z');
    const [warning] = await collector.waitFor('sla.warning', 1, ticket.id);
    expect(warning.data.scheduledAt).toBe('2026-11-16T09:48:00.000Z');

    time.set('2026-11-16T10:00:00Z');
    const [breach] = await collector.waitFor('sla.breached', 1, ticket.id);
    expect(breach.data.scheduledAt).toBe('2026-11-16T10:00:00.000Z');

    time.set('2026-11-16T10:05:00Z');
    await replica.close();
    replica = await startReplica(harness, time);
    await publisher.publish(TicketEvents.created, created.data as TicketCreatedPayload, created.id);
    // Events of one ticket share a partition, so once this one is processed the repeat is too.
    await ticket.change('2026-11-16T10:05:00.000Z', { tags: ['redelivered'] });

    for (const instant of [
      '2026-11-16T12:00:00Z',
      '2026-11-16T23:00:00Z',
      '2026-11-17T00:00:30Z',
      '2026-11-18T00:00:30Z',
      '2026-11-18T09:00:00Z',
    ]) {
      time.set(instant);
      await fireOnBoth();
    }

    expect(await tables.outboxCount('sla.warning', ticket.id)).toBe(1);
    expect(await tables.outboxCount('sla.breached', ticket.id)).toBe(1);
    expect(await tables.outboxCount('sla.applied', ticket.id)).toBe(1);
  });

  it('fires each of many simultaneous breaches once', async () => {
    const queueId = randomUUID();
    await createCalendarAndPolicy(harness, ALWAYS_OPEN, {
      queueIds: [queueId],
      firstResponseMinutes: 60,
      warnings: [],
    });
    time.set('2026-11-16T09:00:00Z');
    const tickets = await Promise.all(Array.from({ length: 60 }, () => newTicket(queueId)));

    time.set('2026-11-16T10:00:00Z');
    await fireOnBoth();

    const ticketIds = tickets.map((ticket) => ticket.id);
    const counts = await tables.outboxCounts('sla.breached', ticketIds);
    expect(ticketIds.map((id) => counts.get(id) ?? 0)).toEqual(ticketIds.map(() => 1));

    // Postgres builds these payloads and the outbox validates only the first of each batch.
    const payloads = await tables.outboxData('sla.breached', ticketIds);
    for (const data of payloads) {
      await expect(parsePayload(SlaEvents.breached, data)).resolves.toBeDefined();
      expect(data).toEqual(
        expect.objectContaining({
          dueAt: '2026-11-16T10:00:00.000Z',
          scheduledAt: '2026-11-16T10:00:00.000Z',
          kind: 'first_response',
          firedAt: '2026-11-16T10:00:00.000Z',
        }),
      );
      expect(data.ticket.id).toBe(data.ticketId);
    }
  });

  it('stops escalating at once when the policy is deactivated', async () => {
    const queueId = randomUUID();
    const { policyId } = await createCalendarAndPolicy(harness, ALWAYS_OPEN, {
      queueIds: [queueId],
      firstResponseMinutes: 60,
      resolutionMinutes: 240,
      warnings: [{ percent: 80 }],
    });
    time.set('2026-11-16T09:00:00Z');
    const ticket = await newTicket(queueId);
    time.set('2026-11-16T10:00:00Z');
    await collector.waitFor('sla.breached', 1, ticket.id);
    const agentToken = await harness.tokenFor(AGENT);

    time.set('2026-11-16T10:30:00Z');
    const escalatedBefore = await harness.request(
      'GET',
      '/api/v1/sla/tickets?escalated=true&limit=200',
      { token: agentToken },
    );
    expect(escalatedBefore.body.items.map((item: { ticketId: string }) => item.ticketId)).toContain(
      ticket.id,
    );

    const adminToken = await harness.tokenFor(ADMIN);
    const current = await harness.request('GET', `/api/v1/sla/policies/${policyId}`, {
      token: adminToken,
    });
    const deactivated = await harness.request('PATCH', `/api/v1/sla/policies/${policyId}`, {
      token: adminToken,
      body: { active: false },
      headers: { 'if-match': current.headers.get('etag')! },
    });
    expect(deactivated.status).toBe(200);

    const status = await harness.request('GET', `/api/v1/sla/tickets/${ticket.id}`, {
      token: agentToken,
    });
    expect(status.body).toEqual(expect.objectContaining({ escalated: false, policyId: null }));
    expect(status.body.clocks.map((clock: { status: string }) => clock.status)).toEqual([
      'cancelled',
      'cancelled',
    ]);
    const escalatedAfter = await harness.request(
      'GET',
      '/api/v1/sla/tickets?escalated=true&limit=200',
      { token: agentToken },
    );
    expect(
      escalatedAfter.body.items.map((item: { ticketId: string }) => item.ticketId),
    ).not.toContain(ticket.id);
    await collector.waitFor('sla.cancelled', 2, ticket.id);

    time.set('2026-11-18T09:00:00Z');
    await fireOnBoth();
    expect(await tables.outboxCount('sla.warning', ticket.id)).toBe(1);
    expect(await tables.outboxCount('sla.breached', ticket.id)).toBe(1);
  });
});
