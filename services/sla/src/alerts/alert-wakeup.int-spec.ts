import { randomUUID } from 'node:crypto';
import { ServiceHarness } from '@deskflow/testing';
import { ManualTimeSource } from '../time/time-source';
import {
  createCalendarAndPolicy,
  FAST_WORKER_ENV,
  SlaEventCollector,
  startSla,
  TicketEventPublisher,
  TicketScript,
} from '../../test/sla-test-kit';

/** Far longer than any wait below, so only a notification can wake the worker in time. */
const SLEEPY_WORKER_ENV = { SLA_ALERT_POLL_INTERVAL_MS: '600000' };

describe('alert worker wake-up', () => {
  const time = new ManualTimeSource(new Date('2026-11-16T08:00:00Z'));
  const publisher = new TicketEventPublisher();
  const collector = new SlaEventCollector();
  let harness: ServiceHarness;

  beforeAll(async () => {
    harness = await startSla(time, SLEEPY_WORKER_ENV);
    await publisher.connect();
    await collector.start();
  });

  afterAll(async () => {
    await collector.stop();
    await publisher.disconnect();
    await harness.close();
    Object.assign(process.env, FAST_WORKER_ENV);
  });

  it('fires an alert planned while asleep', async () => {
    const queueId = randomUUID();
    await createCalendarAndPolicy(
      harness,
      { timeZone: 'UTC', alwaysOpen: true },
      { queueIds: [queueId], firstResponseMinutes: 60, warnings: [{ percent: 50 }] },
    );
    time.set('2026-11-16T09:00:00Z');

    const ticket = new TicketScript(harness, publisher, { queueId });
    await ticket.create('2026-11-16T08:20:00.000Z');

    const [warning] = await collector.waitFor('sla.warning', 1, ticket.id);
    expect(warning.data).toEqual(
      expect.objectContaining({
        scheduledAt: '2026-11-16T08:50:00.000Z',
        firedAt: '2026-11-16T09:00:00.000Z',
      }),
    );
    expect(collector.ofType('sla.breached', ticket.id)).toHaveLength(0);
  });
});
