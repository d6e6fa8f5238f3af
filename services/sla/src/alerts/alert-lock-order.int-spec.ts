import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ServiceHarness } from '@deskflow/testing';
import { ManualTimeSource } from '../time/time-source';
import {
  createCalendarAndPolicy,
  FAST_WORKER_ENV,
  startSla,
  TicketEventPublisher,
  TicketScript,
  waitForProcessed,
} from '../../test/sla-test-kit';
import { AlertWorker } from './alert-worker.service';

/** Long enough for a blocked worker to show, far longer than an unblocked batch takes. */
const BLOCKED_AFTER_MS = 10_000;

describe('alert worker and a locked clock', () => {
  const time = new ManualTimeSource(new Date('2026-11-16T08:00:00Z'));
  const publisher = new TicketEventPublisher();
  let harness: ServiceHarness;
  let worker: AlertWorker;

  beforeAll(async () => {
    harness = await startSla(time, { ...FAST_WORKER_ENV, SLA_ALERT_WORKER_ENABLED: 'false' });
    worker = harness.app.get(AlertWorker);
    await publisher.connect();
  });

  afterAll(async () => {
    await publisher.disconnect();
    await harness.close();
  });

  /** Resolves with what `fireDue` returned, or with 'blocked' when it waits for a lock. */
  async function fireDueUnlessBlocked(): Promise<number | 'blocked'> {
    let timer: NodeJS.Timeout | undefined;
    const blocked = new Promise<'blocked'>((resolve) => {
      timer = setTimeout(() => resolve('blocked'), BLOCKED_AFTER_MS);
    });
    try {
      return await Promise.race([worker.fireDue(), blocked]);
    } finally {
      clearTimeout(timer);
    }
  }

  it('skips alerts of a locked clock, then fires them', async () => {
    const queueId = randomUUID();
    await createCalendarAndPolicy(
      harness,
      { timeZone: 'Europe/Berlin', alwaysOpen: true },
      { queueIds: [queueId], firstResponseMinutes: 60 },
    );
    time.set('2026-11-16T09:00:00Z');
    const ticket = new TicketScript(harness, publisher, { queueId });
    const created = await ticket.create('2026-11-16T09:00:00.000Z');
    await waitForProcessed(harness, created.id);
    time.set('2026-11-16T10:00:00Z');

    // Holds the clock as the event handlers do before they change its alerts.
    const eventSide = new Client({ connectionString: harness.db.url });
    await eventSide.connect();
    try {
      await eventSide.query('BEGIN');
      await eventSide.query('SELECT 1 FROM sla.clock WHERE ticket_id = $1 FOR UPDATE', [ticket.id]);
      const whileLocked = await fireDueUnlessBlocked();
      await eventSide.query(
        'UPDATE sla.alert SET due_at = due_at WHERE ticket_id = $1 AND fired_at IS NULL',
        [ticket.id],
      );
      await eventSide.query('COMMIT');
      const afterRelease = await fireDueUnlessBlocked();
      const { rows } = await eventSide.query(
        'SELECT alert_type, fired_at IS NOT NULL AS fired FROM sla.alert WHERE ticket_id = $1',
        [ticket.id],
      );

      // The policy's default warning falls due before the breach, on the same clock.
      expect(whileLocked).toBe(0);
      expect(afterRelease).toBe(2);
      expect(rows).toHaveLength(2);
      expect(rows.every((row) => row.fired)).toBe(true);
    } finally {
      await eventSide.end();
    }
  });
});
