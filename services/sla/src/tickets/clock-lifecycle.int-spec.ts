import { randomUUID } from 'node:crypto';
import { ServiceHarness } from '@deskflow/testing';
import { ManualTimeSource } from '../time/time-source';
import {
  AGENT,
  createCalendarAndPolicy,
  fireDueAlerts,
  OFFICE_HOURS_8_TO_17,
  SlaEventCollector,
  SlaTables,
  startSla,
  tablesOf,
  TicketEventPublisher,
  TicketScript,
} from '../../test/sla-test-kit';

const OFFICE_HOURS_8_TO_18 = {
  timeZone: 'Europe/Berlin',
  intervals: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '18:00' })),
};

describe('clock lifecycle', () => {
  const time = new ManualTimeSource(new Date('2026-11-16T07:00:00Z'));
  const publisher = new TicketEventPublisher();
  const collector = new SlaEventCollector();
  let harness: ServiceHarness;
  let tables: SlaTables;
  let token: string;

  beforeAll(async () => {
    harness = await startSla(time);
    tables = tablesOf(harness);
    await publisher.connect();
    await collector.start();
    token = await harness.tokenFor(AGENT);
  });

  afterAll(async () => {
    await collector.stop();
    await publisher.disconnect();
    await harness.close();
  });

  /** Creates a policy that matches only tickets of a fresh queue, and returns that queue. */
  async function queueWithPolicy(calendar: object, policy: object): Promise<string> {
    const queueId = randomUUID();
    await createCalendarAndPolicy(harness, calendar, { queueIds: [queueId], ...policy });

    return queueId;
  }

  async function clocksOf(ticketId: string) {
    const response = await harness.request('GET', `/api/v1/sla/tickets/${ticketId}`, { token });
    expect(response.status).toBe(200);

    return response.body.clocks as Array<Record<string, unknown>>;
  }

  function lastApplied(ticketId: string) {
    return collector.ofType('sla.applied', ticketId).at(-1)?.data;
  }

  it('runs next response only for unanswered customer messages', async () => {
    const queueId = await queueWithPolicy(OFFICE_HOURS_8_TO_17, {
      firstResponseMinutes: 480,
      nextResponseMinutes: 120,
      warnings: [{ percent: 80 }],
    });
    const ticket = new TicketScript(harness, publisher, { queueId });
    time.set('2026-11-16T08:00:00Z');

    await ticket.create('2026-11-16T08:00:00.000Z');
    expect(await clocksOf(ticket.id)).toEqual([
      expect.objectContaining({
        kind: 'first_response',
        status: 'running',
        dueAt: '2026-11-16T16:00:00.000Z',
      }),
    ]);

    await ticket.write('2026-11-16T09:00:00.000Z', { senderType: 'agent' });
    expect(await clocksOf(ticket.id)).toEqual([
      expect.objectContaining({ kind: 'first_response', status: 'met', businessSeconds: 3600 }),
    ]);

    await ticket.write('2026-11-16T12:00:00.000Z', { channel: 'portal' });
    expect((await clocksOf(ticket.id))[1]).toEqual(
      expect.objectContaining({
        kind: 'next_response',
        cycle: 1,
        status: 'running',
        dueAt: '2026-11-16T14:00:00.000Z',
      }),
    );

    await ticket.write('2026-11-16T13:00:00.000Z', {
      senderType: 'agent',
      visibility: 'internal',
      kind: 'note',
    });
    expect((await clocksOf(ticket.id))[1]).toEqual(
      expect.objectContaining({ status: 'running', dueAt: '2026-11-16T14:00:00.000Z' }),
    );

    await ticket.write('2026-11-16T13:30:00.000Z', { senderType: 'agent' });
    expect((await clocksOf(ticket.id))[1]).toEqual(
      expect.objectContaining({ status: 'met', businessSeconds: 5400 }),
    );

    await ticket.write('2026-11-16T15:30:00.000Z');
    const clocks = await clocksOf(ticket.id);
    expect(clocks[2]).toEqual(
      expect.objectContaining({
        kind: 'next_response',
        cycle: 2,
        dueAt: '2026-11-17T08:30:00.000Z',
        warnAt: '2026-11-17T08:06:00.000Z',
      }),
    );

    time.set('2026-11-16T16:00:00Z');
    await fireDueAlerts(harness, time);
    expect(await tables.outboxCount('sla.warning', ticket.id)).toBe(0);
    expect(await tables.outboxCount('sla.breached', ticket.id)).toBe(0);

    time.set('2026-11-17T08:06:00Z');
    const [warning] = await collector.waitFor('sla.warning', 1, ticket.id);
    expect(warning.data).toEqual(
      expect.objectContaining({
        kind: 'next_response',
        scheduledAt: '2026-11-17T08:06:00.000Z',
        dueAt: '2026-11-17T08:30:00.000Z',
      }),
    );
  });

  it('resumes resolution on reopen without counting resolved time', async () => {
    const queueId = await queueWithPolicy(OFFICE_HOURS_8_TO_17, {
      resolutionMinutes: 960,
      resumeOnReopen: true,
      warnings: [],
    });
    const ticket = new TicketScript(harness, publisher, { queueId });
    time.set('2026-11-16T08:00:00Z');

    await ticket.create('2026-11-16T08:00:00.000Z');
    await ticket.moveTo('2026-11-16T14:00:00.000Z', 'resolved');
    const [met] = await collector.waitFor('sla.met', 1, ticket.id);
    expect(met.data).toEqual(
      expect.objectContaining({ kind: 'resolution', businessSeconds: 21600, breached: false }),
    );

    time.set('2026-11-18T09:00:00Z');
    ticket.snapshot = { ...ticket.snapshot, stateType: 'open', state: 'open' };
    await ticket.write('2026-11-18T09:00:00.000Z');
    await collector.waitFor('sla.resumed', 1, ticket.id);

    expect(await clocksOf(ticket.id)).toEqual([
      expect.objectContaining({
        kind: 'resolution',
        status: 'running',
        dueAt: '2026-11-19T10:00:00.000Z',
        remainingBusinessSeconds: 36000,
      }),
    ]);
    await fireDueAlerts(harness, time);
    expect(await tables.outboxCount('sla.breached', ticket.id)).toBe(0);
  });

  it('keeps resolution met on reopen by default', async () => {
    const queueId = await queueWithPolicy(OFFICE_HOURS_8_TO_17, {
      resolutionMinutes: 960,
      warnings: [],
    });
    const ticket = new TicketScript(harness, publisher, { queueId });

    await ticket.create('2026-11-16T08:00:00.000Z');
    await ticket.moveTo('2026-11-16T14:00:00.000Z', 'resolved');
    await ticket.moveTo('2026-11-18T09:00:00.000Z', 'open');

    expect(await clocksOf(ticket.id)).toEqual([
      expect.objectContaining({ kind: 'resolution', status: 'met', businessSeconds: 21600 }),
    ]);
  });

  it('runs no clock for a ticket created closed', async () => {
    const queueId = await queueWithPolicy(OFFICE_HOURS_8_TO_17, {
      firstResponseMinutes: 60,
      resolutionMinutes: 960,
    });
    const ticket = new TicketScript(harness, publisher, { queueId });

    await ticket.create('2026-11-16T08:00:00.000Z', 'closed');

    expect(await clocksOf(ticket.id)).toEqual([]);
    expect(await tables.outboxCount('sla.applied', ticket.id)).toBe(0);
  });

  it('pauses while pending and re-matches keeping paused time', async () => {
    const queueId = randomUUID();
    await createCalendarAndPolicy(harness, OFFICE_HOURS_8_TO_17, {
      queueIds: [queueId],
      priorities: ['P1'],
      firstResponseMinutes: 90,
      resolutionMinutes: 240,
      warnings: [],
    });
    await createCalendarAndPolicy(harness, OFFICE_HOURS_8_TO_17, {
      queueIds: [queueId],
      firstResponseMinutes: 120,
      resolutionMinutes: 480,
      warnings: [],
    });
    const ticket = new TicketScript(harness, publisher, { queueId, priority: 'P3' });
    time.set('2026-11-16T08:00:00Z');

    await ticket.create('2026-11-16T08:00:00.000Z');
    await ticket.moveTo('2026-11-16T09:00:00.000Z', 'pending_customer');
    time.set('2026-11-16T12:00:00Z');
    expect(await clocksOf(ticket.id)).toEqual([
      expect.objectContaining({
        kind: 'first_response',
        status: 'paused',
        dueAt: null,
        remainingBusinessSeconds: 3600,
      }),
      expect.objectContaining({ kind: 'resolution', status: 'paused', dueAt: null }),
    ]);

    await ticket.moveTo('2026-11-17T09:00:00.000Z', 'open');
    expect(await clocksOf(ticket.id)).toEqual([
      expect.objectContaining({
        kind: 'first_response',
        status: 'running',
        dueAt: '2026-11-17T10:00:00.000Z',
      }),
      expect.objectContaining({
        kind: 'resolution',
        status: 'running',
        dueAt: '2026-11-17T16:00:00.000Z',
      }),
    ]);

    await ticket.change('2026-11-17T09:30:00.000Z', { priority: 'P1' });
    expect(await clocksOf(ticket.id)).toEqual([
      expect.objectContaining({
        kind: 'first_response',
        status: 'running',
        dueAt: '2026-11-17T09:30:00.000Z',
        targetSeconds: 5400,
      }),
      expect.objectContaining({
        kind: 'resolution',
        status: 'running',
        dueAt: '2026-11-17T12:00:00.000Z',
        targetSeconds: 14400,
      }),
    ]);
    await collector.waitFor('sla.applied', 4, ticket.id);
    expect(lastApplied(ticket.id)?.clocks).toEqual([
      expect.objectContaining({ kind: 'first_response', dueAt: '2026-11-17T09:30:00.000Z' }),
      expect.objectContaining({ kind: 'resolution', dueAt: '2026-11-17T12:00:00.000Z' }),
    ]);

    const history = await harness.request('GET', `/api/v1/sla/tickets/${ticket.id}/history`, {
      token,
    });
    expect(history.body.items.map((entry: { type: string }) => entry.type)).toEqual([
      'started',
      'started',
      'paused',
      'paused',
      'resumed',
      'resumed',
      'rescheduled',
      'rescheduled',
    ]);
  });

  it('pauses only the clocks the policy names', async () => {
    const queueId = await queueWithPolicy(OFFICE_HOURS_8_TO_17, {
      firstResponseMinutes: 120,
      resolutionMinutes: 480,
      pausedClocks: ['resolution'],
      warnings: [],
    });
    const ticket = new TicketScript(harness, publisher, { queueId });
    time.set('2026-11-16T09:30:00Z');

    await ticket.create('2026-11-16T08:00:00.000Z');
    await ticket.moveTo('2026-11-16T09:00:00.000Z', 'pending_customer');

    expect(await clocksOf(ticket.id)).toEqual([
      expect.objectContaining({
        kind: 'first_response',
        status: 'running',
        dueAt: '2026-11-16T10:00:00.000Z',
      }),
      expect.objectContaining({ kind: 'resolution', status: 'paused', dueAt: null }),
    ]);
  });

  it('ignores an older snapshot arriving late', async () => {
    const queueId = await queueWithPolicy(OFFICE_HOURS_8_TO_17, {
      resolutionMinutes: 480,
      warnings: [],
    });
    const ticket = new TicketScript(harness, publisher, { queueId });
    await ticket.create('2026-11-16T08:00:00.000Z');
    const stale = {
      ...ticket.snapshot,
      stateType: 'pending_customer' as const,
      state: 'pending',
      updatedAt: '2026-11-16T09:00:00.000Z',
    };
    await ticket.moveTo('2026-11-16T10:00:00.000Z', 'open');
    const appliedBefore = await tables.outboxCount('sla.applied', ticket.id);

    await ticket.send((await import('@deskflow/contracts')).TicketEvents.stateChanged, {
      ticket: stale,
      from: { state: 'open', stateType: 'open' },
      to: { state: 'pending', stateType: 'pending_customer' },
      changedAt: '2026-11-16T09:00:00.000Z',
    });

    expect(await clocksOf(ticket.id)).toEqual([
      expect.objectContaining({ status: 'running', dueAt: '2026-11-16T16:00:00.000Z' }),
    ]);
    expect(await tables.outboxCount('sla.applied', ticket.id)).toBe(appliedBefore);
  });

  it.each([
    [
      '75 % warning',
      240,
      { percent: 75 },
      '2026-11-16T16:00:00.000Z',
      '2026-11-17T09:00:00.000Z',
      '2026-11-17T10:00:00.000Z',
    ],
    [
      '80 % warning',
      600,
      { percent: 80 },
      '2026-11-16T08:00:00.000Z',
      '2026-11-16T16:00:00.000Z',
      '2026-11-17T08:00:00.000Z',
    ],
    [
      '60-minute lead warning',
      240,
      { leadMinutes: 60 },
      '2026-11-16T16:00:00.000Z',
      '2026-11-17T09:00:00.000Z',
      '2026-11-17T10:00:00.000Z',
    ],
  ])(
    'places the %s in business time',
    async (_name, minutes, warning, createdAt, warnAt, dueAt) => {
      const queueId = await queueWithPolicy(OFFICE_HOURS_8_TO_18, {
        firstResponseMinutes: minutes,
        warnings: [warning],
      });
      const ticket = new TicketScript(harness, publisher, { queueId });
      time.set(createdAt);

      await ticket.create(createdAt);
      await collector.waitFor('sla.applied', 1, ticket.id);

      expect(lastApplied(ticket.id)?.clocks).toEqual([
        expect.objectContaining({ kind: 'first_response', warnAt, dueAt }),
      ]);
    },
  );
});
