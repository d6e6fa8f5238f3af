import { DataSource } from 'typeorm';
import { Person, TicketServiceFixture } from '../../test/support/ticket-service.fixture';

interface SeedTicket {
  name: string;
  queue: 'network' | 'desk';
  created: string;
  firstResponse?: string;
  /** State changes after creation: [time, from, to]. */
  states?: [string, string, string][];
  sla?: { kind: string; status: string; breached: boolean }[];
  ratings?: number[];
}

// A month of tickets with hand-computed figures. All times are UTC; 2026-11-02 is a Monday.
const SEED: SeedTicket[] = [
  {
    name: 'T1',
    queue: 'network',
    created: '2026-11-02T09:00',
    firstResponse: '2026-11-02T09:10',
    states: [['2026-11-02T11:00', 'new', 'resolved']],
    sla: [
      { kind: 'first_response', status: 'met', breached: false },
      { kind: 'resolution', status: 'met', breached: false },
    ],
    ratings: [5],
  },
  {
    name: 'T2',
    queue: 'network',
    created: '2026-11-03T09:00',
    firstResponse: '2026-11-03T09:20',
    states: [
      ['2026-11-03T13:00', 'new', 'resolved'],
      ['2026-11-04T10:00', 'resolved', 'open'],
      ['2026-11-04T12:00', 'open', 'resolved'],
    ],
    sla: [{ kind: 'first_response', status: 'met', breached: true }],
    ratings: [4, 2],
  },
  {
    name: 'T3',
    queue: 'network',
    created: '2026-11-04T09:00',
    firstResponse: '2026-11-04T09:30',
    states: [['2026-11-05T11:00', 'open', 'resolved']],
    sla: [
      { kind: 'first_response', status: 'running', breached: true },
      { kind: 'resolution', status: 'breached', breached: true },
    ],
  },
  {
    name: 'T4',
    queue: 'network',
    created: '2026-11-05T09:00',
    firstResponse: '2026-11-05T09:45',
    states: [['2026-11-07T11:00', 'open', 'resolved']],
    sla: [
      { kind: 'first_response', status: 'met', breached: false },
      { kind: 'resolution', status: 'running', breached: false },
    ],
  },
  {
    name: 'T5',
    queue: 'desk',
    created: '2026-11-09T10:00',
    firstResponse: '2026-11-09T11:00',
    states: [['2026-11-09T11:00', 'open', 'resolved']],
    sla: [{ kind: 'resolution', status: 'met', breached: false }],
    ratings: [3],
  },
  { name: 'T6', queue: 'desk', created: '2026-11-10T10:00', firstResponse: '2026-11-10T11:30' },
  {
    name: 'T7',
    queue: 'desk',
    created: '2026-11-11T09:00',
    firstResponse: '2026-11-11T13:00',
    states: [
      ['2026-11-11T17:00', 'open', 'resolved'],
      ['2026-11-12T09:00', 'resolved', 'open'],
      ['2026-11-12T10:00', 'open', 'resolved'],
    ],
  },
  {
    name: 'T8',
    queue: 'desk',
    created: '2026-11-12T09:00',
    firstResponse: '2026-11-13T10:00',
    states: [['2026-11-13T15:00', 'open', 'resolved']],
  },
  { name: 'T9', queue: 'desk', created: '2026-11-16T09:00' },
  {
    name: 'T10',
    queue: 'desk',
    created: '2026-11-17T09:00',
    firstResponse: '2026-11-17T09:05',
    states: [['2026-11-17T09:30', 'open', 'resolved']],
  },
];

const utc = (local: string) => `${local}:00.000Z`;

describe('reports API over a seeded month', () => {
  let service: TicketServiceFixture;
  let agent: Person;
  const queues: Record<string, string> = {};

  const report = (query: string, token = service.admin.token) =>
    service.request('GET', `/reports/${query}`, { token });

  async function seed(db: DataSource, customerId: string): Promise<void> {
    for (const [index, ticket] of SEED.entries()) {
      const states = ticket.states ?? [];
      const finalState = states.length > 0 ? states[states.length - 1][2] : 'open';
      const firstResolution = states.find(([, , to]) => to === 'resolved')?.[0];
      const [{ id }] = await db.query(
        `INSERT INTO "ticket"."ticket" ("number", "title", "state", "state_type", "priority", "type", "channel", "queue_id",
           "customer_id", "owner_id", "first_response_at", "resolved_at", "created_at", "updated_at")
         VALUES ($1, $2, $3, $3, $4, 'incident', $5, $6, $7, $8, $9, $10, $11, $11) RETURNING "id"`,
        [
          `20261100${String(index).padStart(8, '0')}`,
          ticket.name,
          finalState,
          index % 2 === 0 ? 'P2' : 'P3',
          index < 5 ? 'email' : 'portal',
          queues[ticket.queue],
          customerId,
          ticket.queue === 'network' ? agent.id : null,
          ticket.firstResponse ? utc(ticket.firstResponse) : null,
          firstResolution ? utc(firstResolution) : null,
          utc(ticket.created),
        ],
      );
      await db.query(
        `INSERT INTO "ticket"."ticket_history" ("ticket_id", "actor", "field", "old_value", "new_value", "created_at")
         VALUES ($1, 'system', 'created', NULL, '{"state": "new"}', $2)`,
        [id, utc(ticket.created)],
      );
      for (const [time, from, to] of states) {
        await db.query(
          `INSERT INTO "ticket"."ticket_history" ("ticket_id", "actor", "field", "old_value", "new_value", "created_at")
           VALUES ($1, 'system', 'state', to_jsonb($2::text), to_jsonb($3::text), $4)`,
          [id, from, to, utc(time)],
        );
      }
      for (const clock of ticket.sla ?? []) {
        await db.query(
          `INSERT INTO "ticket"."sla_clock_projection" ("ticket_id", "kind", "status", "breached", "warned", "target_seconds", "source_time")
           VALUES ($1, $2, $3, $4, false, 3600, now())`,
          [id, clock.kind, clock.status, clock.breached],
        );
      }
      for (const [resolution, rating] of (ticket.ratings ?? []).entries()) {
        await db.query(
          `INSERT INTO "ticket"."satisfaction_rating" ("ticket_id", "resolution", "customer_id", "rating") VALUES ($1, $2, $3, $4)`,
          [id, resolution + 1, customerId, rating],
        );
      }
    }
  }

  beforeAll(async () => {
    service = await TicketServiceFixture.start();
    queues.network = (await service.createQueue('Network')).id;
    queues.desk = (await service.createQueue('Service desk')).id;
    agent = await service.createAgent({ [queues.network]: 'write' });
    const customer = await service.createCustomer();
    await seed(service.harness.app.get(DataSource), customer.id);
  });

  afterAll(() => service.close());

  it('matches the hand-computed calendar-hour figures', async () => {
    const response = await report('tickets?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z');

    expect(response.status).toBe(200);
    const total = response.body.total;
    expect(total.tickets).toBe(10);
    // First responses in minutes: 5, 10, 20, 30, 45, 60, 90, 240, 1500.
    expect(total.firstResponse).toEqual({
      count: 9,
      medianSeconds: 45 * 60,
      p90Seconds: 1500 * 60,
      within30Minutes: 4 / 9,
      within60Minutes: 6 / 9,
      overOneDay: 1 / 9,
    });
    // Resolutions in hours: 0.5, 1, 2, 4, 8, 26, 30, 50; the median is the mean of 4 h and 8 h.
    expect(total.resolution).toEqual({
      count: 8,
      medianSeconds: 6 * 3600,
      p90Seconds: 50 * 3600,
      within30Minutes: 1 / 8,
      within60Minutes: 2 / 8,
      overOneDay: 3 / 8,
    });
    expect(total.sla.firstResponse).toEqual({ met: 2, breached: 2, compliance: 0.5 });
    expect(total.sla.resolution).toEqual({ met: 2, breached: 1, compliance: 2 / 3 });
    expect(total.reopen).toEqual({ resolved: 8, reopened: 2, rate: 0.25 });
    expect(total.satisfaction).toEqual({
      count: 4,
      average: 3.5,
      distribution: { '1': 0, '2': 1, '3': 1, '4': 1, '5': 1 },
    });
  });

  it('groups by queue and by agent', async () => {
    const byQueue = await report(
      'tickets?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&groupBy=queue',
    );
    const byAgent = await report(
      'tickets?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&groupBy=agent',
    );

    expect(byQueue.body.groups.map((group: any) => [group.key, group.tickets])).toEqual([
      ['Network', 4],
      ['Service desk', 6],
    ]);
    // Network first responses: 10, 20, 30, 45 minutes.
    expect(byQueue.body.groups[0].firstResponse.medianSeconds).toBe(25 * 60);
    expect(byQueue.body.groups[0].firstResponse.p90Seconds).toBe(45 * 60);
    expect(byAgent.body.groups.map((group: any) => group.tickets)).toEqual([6, 4]);
    expect(byAgent.body.groups[0].key).toBe('(unassigned)');
  });

  it('counts business hours on the given calendar', async () => {
    const response = await report(
      `tickets?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&hours=business&timeZone=UTC&workingHours=${encodeURIComponent('mon-fri 08:00-17:00')}`,
    );

    const total = response.body.total;
    // T8 answered after Thursday 09:00-17:00 and Friday 08:00-10:00: 600 business minutes.
    expect(total.firstResponse.medianSeconds).toBe(45 * 60);
    expect(total.firstResponse.p90Seconds).toBe(600 * 60);
    expect(total.firstResponse.overOneDay).toBe(0);
    // Business resolutions in hours: 0.5, 1, 2, 4, 8, 11, 15, 17.
    expect(total.resolution.medianSeconds).toBe(6 * 3600);
    expect(total.resolution.p90Seconds).toBe(17 * 3600);
  });

  it('counts the daily backlog from the state history', async () => {
    const response = await report(
      'backlog?from=2026-11-02T00:00:00Z&to=2026-11-09T00:00:00Z&timeZone=UTC',
    );

    expect(response.body.days).toEqual([
      { date: '2026-11-02', open: 0 },
      { date: '2026-11-03', open: 0 },
      { date: '2026-11-04', open: 1 },
      { date: '2026-11-05', open: 1 },
      { date: '2026-11-06', open: 1 },
      { date: '2026-11-07', open: 0 },
      { date: '2026-11-08', open: 0 },
    ]);
  });

  it('exports CSV', async () => {
    const response = await report(
      'tickets?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&groupBy=queue&format=csv',
    );

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = (response.body as string).trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0].startsWith('group,tickets,first_response_count,first_response_median_s')).toBe(
      true,
    );
    expect(lines[3].startsWith('total,10,9,2700,90000,')).toBe(true);
  });

  it('limits agents to the tickets of their queues', async () => {
    const response = await report(
      'tickets?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z',
      agent.token,
    );

    expect(response.body.total.tickets).toBe(4);
  });

  it.each([
    ['tickets?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z', 'to'],
    ['tickets?from=yesterday&to=2026-11-01T00:00:00Z', 'from'],
    [
      'tickets?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&workingHours=weekdays',
      'workingHours',
    ],
    ['tickets?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&timeZone=Mars/Base', 'timeZone'],
    ['tickets?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&groupBy=colour', 'groupBy'],
  ])('rejects %s naming %s', async (query, field) => {
    const response = await report(query);

    expect(response.status).toBe(400);
    expect(response.body.details.map((detail: any) => detail.field)).toContain(field);
  });
});
