import { randomUUID } from 'node:crypto';
import { ServiceHarness } from '@deskflow/testing';
import { ManualTimeSource } from '../time/time-source';
import {
  ADMIN,
  AGENT,
  createCalendarAndPolicy,
  SlaEventCollector,
  startSla,
  TicketEventPublisher,
  TicketScript,
} from '../../test/sla-test-kit';

const ALWAYS_OPEN = { timeZone: 'UTC', alwaysOpen: true };

describe('policy re-match of existing tickets', () => {
  const time = new ManualTimeSource(new Date('2026-11-16T08:00:00Z'));
  const publisher = new TicketEventPublisher();
  const collector = new SlaEventCollector();
  let harness: ServiceHarness;
  let agentToken: string;
  let adminToken: string;

  beforeAll(async () => {
    harness = await startSla(time);
    await publisher.connect();
    await collector.start();
    agentToken = await harness.tokenFor(AGENT);
    adminToken = await harness.tokenFor(ADMIN);
  });

  afterAll(async () => {
    await collector.stop();
    await publisher.disconnect();
    await harness.close();
  });

  async function statusOf(ticketId: string) {
    const response = await harness.request('GET', `/api/v1/sla/tickets/${ticketId}`, {
      token: agentToken,
    });
    expect(response.status).toBe(200);

    return response.body as { policyId: string | null; clocks: Array<Record<string, unknown>> };
  }

  async function patchPolicy(policyId: string, body: object) {
    const current = await harness.request('GET', `/api/v1/sla/policies/${policyId}`, {
      token: adminToken,
    });
    const response = await harness.request('PATCH', `/api/v1/sla/policies/${policyId}`, {
      token: adminToken,
      body,
      headers: { 'if-match': current.headers.get('etag')! },
    });
    expect(response.status).toBe(200);
  }

  it('moves open tickets to a newly created policy', async () => {
    const queueId = randomUUID();
    const open = new TicketScript(harness, publisher, { queueId });
    const closed = new TicketScript(harness, publisher, { queueId });
    await open.create('2026-11-16T08:00:00.000Z');
    await closed.create('2026-11-16T08:00:00.000Z');
    await closed.moveTo('2026-11-16T08:30:00.000Z', 'closed');
    expect((await statusOf(open.id)).clocks).toEqual([]);

    time.set('2026-11-16T09:00:00Z');
    const { policyId } = await createCalendarAndPolicy(harness, ALWAYS_OPEN, {
      queueIds: [queueId],
      firstResponseMinutes: 120,
      warnings: [],
    });

    const moved = await statusOf(open.id);
    expect(moved.policyId).toBe(policyId);
    expect(moved.clocks).toEqual([
      expect.objectContaining({
        kind: 'first_response',
        status: 'running',
        dueAt: '2026-11-16T10:00:00.000Z',
      }),
    ]);
    const [applied] = await collector.waitFor('sla.applied', 1, open.id);
    expect(applied.data.policyId).toBe(policyId);
    const untouched = await statusOf(closed.id);
    expect(untouched.policyId).toBeNull();
    expect(untouched.clocks).toEqual([]);
  });

  it('moves tickets when a policy is moved ahead', async () => {
    const queueId = randomUUID();
    const first = await createCalendarAndPolicy(harness, ALWAYS_OPEN, {
      queueIds: [queueId],
      firstResponseMinutes: 60,
      warnings: [],
    });
    const second = await createCalendarAndPolicy(harness, ALWAYS_OPEN, {
      queueIds: [queueId],
      priorities: ['P3'],
      firstResponseMinutes: 30,
      warnings: [],
    });
    const ticket = new TicketScript(harness, publisher, { queueId, priority: 'P3' });
    time.set('2026-11-16T08:00:00Z');
    await ticket.create('2026-11-16T08:00:00.000Z');
    expect((await statusOf(ticket.id)).policyId).toBe(first.policyId);

    await patchPolicy(second.policyId, { position: 0 });

    const moved = await statusOf(ticket.id);
    expect(moved.policyId).toBe(second.policyId);
    expect(moved.clocks).toEqual([
      expect.objectContaining({
        kind: 'first_response',
        status: 'running',
        dueAt: '2026-11-16T08:30:00.000Z',
      }),
    ]);
  });

  it('restarts a waiting next response after a re-match', async () => {
    const queueId = randomUUID();
    const { policyId } = await createCalendarAndPolicy(harness, ALWAYS_OPEN, {
      queueIds: [queueId],
      nextResponseMinutes: 60,
      warnings: [],
    });
    const waiting = new TicketScript(harness, publisher, { queueId });
    const answered = new TicketScript(harness, publisher, { queueId });
    time.set('2026-11-16T08:00:00Z');
    for (const ticket of [waiting, answered]) {
      await ticket.create('2026-11-16T08:00:00.000Z');
      await ticket.write('2026-11-16T08:10:00.000Z', { senderType: 'agent' });
      await ticket.write('2026-11-16T08:20:00.000Z');
    }
    expect((await statusOf(waiting.id)).clocks).toEqual([
      expect.objectContaining({
        kind: 'next_response',
        cycle: 1,
        status: 'running',
        dueAt: '2026-11-16T09:20:00.000Z',
      }),
    ]);

    time.set('2026-11-16T08:30:00Z');
    await patchPolicy(policyId, { active: false });
    expect((await statusOf(waiting.id)).clocks).toEqual([
      expect.objectContaining({ kind: 'next_response', status: 'cancelled' }),
    ]);
    await answered.write('2026-11-16T08:40:00.000Z', { senderType: 'agent' });

    time.set('2026-11-16T08:50:00Z');
    await patchPolicy(policyId, { active: true });

    const restarted = (await statusOf(waiting.id)).clocks;
    expect(restarted).toHaveLength(2);
    expect(restarted[1]).toEqual(
      expect.objectContaining({
        kind: 'next_response',
        cycle: 2,
        status: 'running',
        dueAt: '2026-11-16T09:20:00.000Z',
      }),
    );
    expect((await statusOf(answered.id)).clocks).toEqual([
      expect.objectContaining({ kind: 'next_response', cycle: 1, status: 'cancelled' }),
    ]);
  });
});
