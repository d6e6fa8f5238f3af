import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ServiceHarness, waitFor } from '@deskflow/testing';
import { ManualTimeSource } from '../time/time-source';
import {
  ADMIN,
  AGENT,
  createCalendarAndPolicy,
  SlaEventCollector,
  SlaTables,
  startSla,
  tablesOf,
  TicketEventPublisher,
  TicketScript,
} from '../../test/sla-test-kit';

const ALWAYS_OPEN = { timeZone: 'UTC', alwaysOpen: true };

describe('policy re-match of existing tickets', () => {
  const time = new ManualTimeSource(new Date('2026-11-16T08:00:00Z'));
  const publisher = new TicketEventPublisher();
  const collector = new SlaEventCollector();
  let harness: ServiceHarness;
  let tables: SlaTables;
  let database: Client;
  let agentToken: string;
  let adminToken: string;

  beforeAll(async () => {
    harness = await startSla(time);
    tables = tablesOf(harness);
    database = new Client({ connectionString: harness.db.url });
    await database.connect();
    await publisher.connect();
    await collector.start();
    agentToken = await harness.tokenFor(AGENT);
    adminToken = await harness.tokenFor(ADMIN);
  });

  afterAll(async () => {
    await collector.stop();
    await publisher.disconnect();
    await database.end();
    await harness.close();
  });

  async function statusOf(ticketId: string) {
    const response = await harness.request('GET', `/api/v1/sla/tickets/${ticketId}`, {
      token: agentToken,
    });
    expect(response.status).toBe(200);

    return response.body as { policyId: string | null; clocks: Array<Record<string, unknown>> };
  }

  async function requestPatch(policyId: string, body: object) {
    const current = await harness.request('GET', `/api/v1/sla/policies/${policyId}`, {
      token: adminToken,
    });

    return harness.request('PATCH', `/api/v1/sla/policies/${policyId}`, {
      token: adminToken,
      body,
      headers: { 'if-match': current.headers.get('etag')! },
    });
  }

  async function patchPolicy(policyId: string, body: object) {
    const response = await requestPatch(policyId, body);
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

  it('re-matches a ticket that an event moves during a policy change', async () => {
    const oldQueue = randomUUID();
    const newQueue = randomUUID();
    const { policyId: oldPolicyId } = await createCalendarAndPolicy(harness, ALWAYS_OPEN, {
      queueIds: [oldQueue],
      firstResponseMinutes: 60,
      warnings: [],
    });
    const ticket = new TicketScript(harness, publisher, { queueId: oldQueue });
    time.set('2026-11-16T08:00:00Z');
    await ticket.create('2026-11-16T08:00:00.000Z');
    expect((await statusOf(ticket.id)).policyId).toBe(oldPolicyId);

    // Holding the ticket's clock rows stops the move event after it has matched the policies.
    await database.query('BEGIN');
    await database.query('SELECT 1 FROM "sla"."clock" WHERE "ticket_id" = $1 FOR UPDATE', [
      ticket.id,
    ]);
    const moved = ticket.change('2026-11-16T08:10:00.000Z', { queueId: newQueue });
    await waitFor(async () => (await tables.lockWaitCount()) >= 1, { what: 'the event to wait' });
    let settled = false;
    const creating = createCalendarAndPolicy(harness, ALWAYS_OPEN, {
      queueIds: [newQueue],
      firstResponseMinutes: 30,
      warnings: [],
    }).finally(() => (settled = true));
    // The policy change either finishes now or waits for the event to commit.
    await waitFor(async () => settled || (await tables.lockWaitCount()) >= 2, {
      what: 'the policy change to finish or wait',
    });
    await database.query('ROLLBACK');
    const { policyId: newPolicyId } = await creating;
    await moved;

    const status = await statusOf(ticket.id);
    expect(status.policyId).toBe(newPolicyId);
    expect(status.clocks.at(-1)).toEqual(
      expect.objectContaining({
        kind: 'first_response',
        status: 'running',
        targetSeconds: 1800,
      }),
    );
  });

  it('keeps policy and clocks when the re-match fails', async () => {
    const queueId = randomUUID();
    const { policyId } = await createCalendarAndPolicy(harness, ALWAYS_OPEN, {
      queueIds: [queueId],
      firstResponseMinutes: 60,
      warnings: [],
    });
    const ticket = new TicketScript(harness, publisher, { queueId });
    time.set('2026-11-16T08:00:00Z');
    await ticket.create('2026-11-16T08:00:00.000Z');
    const before = await harness.request('GET', `/api/v1/sla/policies/${policyId}`, {
      token: adminToken,
    });

    // A failure in the middle of the re-match has the effect of a crash of the instance there.
    await database.query(
      `CREATE FUNCTION "sla"."reject_clock_update"() RETURNS trigger LANGUAGE plpgsql
         AS $$ BEGIN RAISE EXCEPTION 'clock update rejected'; END $$`,
    );
    await database.query(
      `CREATE TRIGGER "reject_clock_update" BEFORE UPDATE ON "sla"."clock" FOR EACH ROW
         WHEN (OLD."ticket_id" = '${ticket.id}') EXECUTE FUNCTION "sla"."reject_clock_update"()`,
    );
    try {
      const failed = await requestPatch(policyId, { firstResponseMinutes: 30 });
      expect(failed.status).toBe(500);
    } finally {
      await database.query('DROP TRIGGER "reject_clock_update" ON "sla"."clock"');
      await database.query('DROP FUNCTION "sla"."reject_clock_update"()');
    }

    const after = await harness.request('GET', `/api/v1/sla/policies/${policyId}`, {
      token: adminToken,
    });
    expect(after.body.firstResponseMinutes).toBe(60);
    expect(after.headers.get('etag')).toBe(before.headers.get('etag'));
    expect((await statusOf(ticket.id)).clocks).toEqual([
      expect.objectContaining({
        kind: 'first_response',
        status: 'running',
        dueAt: '2026-11-16T09:00:00.000Z',
      }),
    ]);
  });
});
