import { TicketEvents } from '@deskflow/contracts';
import { DataSource } from 'typeorm';
import { collectPages, forgedCursors, ServiceHarness } from '@deskflow/testing';
import {
  AGENT,
  article,
  createCalendarAndPolicy,
  OFFICE_HOURS_8_TO_17,
  SlaEventCollector,
  startSla,
  TicketEventPublisher,
  ticketSnapshot,
} from '../../test/sla-test-kit';
import { ManualTimeSource } from '../time/time-source';

const ID = '03d76055-a9b7-419e-a276-ddf05faac00f';

function encode(json: unknown): string {
  return Buffer.from(JSON.stringify(json)).toString('base64url');
}

describe('SLA ticket list cursors', () => {
  const time = new ManualTimeSource(new Date('2026-11-16T07:00:00Z'));
  const publisher = new TicketEventPublisher();
  const collector = new SlaEventCollector();
  let harness: ServiceHarness;
  let agentToken: string;

  beforeAll(async () => {
    harness = await startSla(time);
    await publisher.connect();
    await collector.start();
    await createCalendarAndPolicy(harness, OFFICE_HOURS_8_TO_17, {
      isDefault: true,
      firstResponseMinutes: 120,
      warnings: [],
    });
    agentToken = await harness.tokenFor(AGENT);
    for (const createdAt of ['2026-11-16T07:00:00Z', '2026-11-16T07:05:00Z']) {
      const ticket = ticketSnapshot({ createdAt, updatedAt: createdAt });
      await publisher.publish(TicketEvents.created, { ticket, article: article({ createdAt }) });
      await collector.waitFor('sla.applied', 1, ticket.id);
    }
  });

  afterAll(async () => {
    await collector.stop();
    await publisher.disconnect();
    await harness.close();
  });

  function list(cursor: string) {
    return harness.request('GET', `/api/v1/sla/tickets?cursor=${cursor}`, { token: agentToken });
  }

  it('pages with the cursors it issues', async () => {
    const first = await harness.request('GET', '/api/v1/sla/tickets?limit=1', {
      token: agentToken,
    });
    const second = await list(first.body.nextCursor);

    expect(second.status).toBe(200);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].ticketId).not.toBe(first.body.items[0].ticketId);
    expect(second.body.nextCursor).toBeNull();
  });

  it('accepts a cursor without a clock', async () => {
    const response = await list(encode({ dueAt: null, ticketId: ID }));

    expect(response.status).toBe(200);
  });

  it('accepts a cursor in the millisecond form', async () => {
    const response = await list(encode({ dueAt: '2026-11-16T08:00:00.000Z', ticketId: ID }));

    expect(response.status).toBe(200);
  });

  it('rejects forged cursors with 400 naming cursor', async () => {
    const first = await harness.request('GET', '/api/v1/sla/tickets?limit=1', {
      token: agentToken,
    });
    const issued = JSON.parse(Buffer.from(first.body.nextCursor, 'base64url').toString('utf8'));
    expect(issued).toEqual({ dueAt: expect.any(String), ticketId: expect.any(String) });

    const forged = forgedCursors(issued, {
      dueAt: [
        'nonsense',
        '2026-11-16 09:00:00.1234567+00',
        '2026-02-30T09:00:00.000Z',
        'infinity',
        1_763_283_600_000,
      ],
      ticketId: ['nonsense', `${ID}0`, null],
    });
    for (const [description, cursor] of forged) {
      const response = await list(cursor);

      expect([description, response.status]).toEqual([description, 400]);
      expect(response.body.details).toEqual([{ field: 'cursor', reason: expect.any(String) }]);
    }
  });

  it('pages tickets due in one microsecond exactly once', async () => {
    for (let index = 0; index < 3; index += 1) {
      const createdAt = '2026-11-16T07:10:00Z';
      const ticket = ticketSnapshot({ createdAt, updatedAt: createdAt });
      await publisher.publish(TicketEvents.created, { ticket, article: article({ createdAt }) });
      await collector.waitFor('sla.applied', 1, ticket.id);
    }
    const dataSource = harness.app.get(DataSource);
    await dataSource.query(
      `UPDATE "sla"."clock" SET "due_at" = '2026-11-16 09:00:00.123456+00' WHERE "status" = 'running'`,
    );
    const running: { ticket_id: string }[] = await dataSource.query(
      `SELECT DISTINCT "ticket_id" FROM "sla"."clock" WHERE "status" = 'running'`,
    );
    expect(running).toHaveLength(5);

    const items = await collectPages<{ ticketId: string }>(
      harness,
      '/api/v1/sla/tickets?limit=2',
      agentToken,
    );

    expect(items.map((item) => item.ticketId)).toEqual(running.map((row) => row.ticket_id).sort());
  });
});
