import { Pool } from 'pg';
import { waitFor } from '@deskflow/testing';

/**
 * How long an event may take to be processed. With 60 events sent at once and a load average
 * of 10 on two cores, the last one has taken up to 16 s.
 */
const PROCESSED_TIMEOUT_MS = 30000;

/**
 * Reads the service's tables directly, for waits and checks that the API does not offer. One
 * small pool serves a whole test file, so many parallel waits do not exhaust the server's
 * connections.
 */
export class SlaTables {
  private readonly pool: Pool;
  private readonly pendingEvents = new Map<string, () => void>();
  private polling: Promise<void> | undefined;
  private lastPollError: Error | undefined;

  constructor(databaseUrl: string) {
    this.pool = new Pool({ connectionString: databaseUrl, max: 3 });
    // Dropping the test database ends idle connections, which must not crash the test run.
    this.pool.on('error', () => undefined);
  }

  /**
   * Waits until the service has processed an event, by its id in the inbox table. Concurrent
   * waits share one query per poll, so a test can wait for many events at once.
   */
  waitForProcessed(eventId: string, timeoutMs = PROCESSED_TIMEOUT_MS): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pendingEvents.delete(eventId);
        const detail = this.lastPollError ? ` (last poll: ${this.lastPollError.message})` : '';
        reject(new Error(`timed out after ${timeoutMs} ms waiting for event ${eventId}${detail}`));
      }, timeoutMs);
      this.pendingEvents.set(eventId, () => {
        clearTimeout(timer);
        resolve();
      });
      this.polling ??= this.pollProcessed();
    });
  }

  private async pollProcessed(): Promise<void> {
    for (;;) {
      try {
        const result = await this.pool.query<{ event_id: string }>(
          'SELECT "event_id" FROM "sla"."inbox_event" WHERE "event_id" = ANY($1::uuid[])',
          [[...this.pendingEvents.keys()]],
        );
        for (const { event_id: eventId } of result.rows) {
          this.pendingEvents.get(eventId)?.();
          this.pendingEvents.delete(eventId);
        }
      } catch (error) {
        this.lastPollError = error as Error;
      }
      // Cleared in the same step as the check, so a wait added next starts a new poll.
      if (this.pendingEvents.size === 0) {
        this.polling = undefined;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * Waits until every alert due at `at` has fired. A worker's claimed rows stay unfired until
   * its transaction commits, so this also waits for a worker that is still firing.
   */
  async waitForAlertsFired(at: Date): Promise<void> {
    await waitFor(
      async () =>
        (
          await this.pool.query(
            'SELECT 1 FROM "sla"."alert" WHERE "fired_at" IS NULL AND "due_at" <= $1 LIMIT 1',
            [at.toISOString()],
          )
        ).rowCount === 0,
      { what: `the alerts due at ${at.toISOString()} to fire` },
    );
  }

  async waitForRelay(): Promise<void> {
    await waitFor(
      async () =>
        (
          await this.pool.query(
            'SELECT 1 FROM "sla"."outbox_event" WHERE "published_at" IS NULL LIMIT 1',
          )
        ).rowCount === 0,
      { what: 'the outbox to be relayed' },
    );
  }

  /** Counts the events of a type recorded in the outbox for each ticket, relayed or not. */
  async outboxCounts(type: string, ticketIds: string[]): Promise<Map<string, number>> {
    const result = await this.pool.query<{ ticket_id: string; n: number }>(
      `SELECT "message_key" AS "ticket_id", count(*)::int AS "n" FROM "sla"."outbox_event"
        WHERE "type" = $1 AND "message_key" = ANY($2) GROUP BY 1`,
      [type, ticketIds],
    );

    return new Map(result.rows.map((row) => [row.ticket_id, row.n]));
  }

  async outboxCount(type: string, ticketId: string): Promise<number> {
    return (await this.outboxCounts(type, [ticketId])).get(ticketId) ?? 0;
  }

  /** Returns the payloads of the events of a type recorded in the outbox for the tickets. */
  async outboxData(type: string, ticketIds: string[]): Promise<any[]> {
    const result = await this.pool.query(
      'SELECT "data" FROM "sla"."outbox_event" WHERE "type" = $1 AND "message_key" = ANY($2)',
      [type, ticketIds],
    );

    return result.rows.map((row) => row.data);
  }

  /** Counts the sessions on the service's database that wait for a lock. */
  async lockWaitCount(): Promise<number> {
    const result = await this.pool.query(
      `SELECT count(*)::int AS "n" FROM pg_stat_activity
        WHERE "datname" = current_database() AND "wait_event_type" = 'Lock'`,
    );

    return result.rows[0].n;
  }

  async end(): Promise<void> {
    await this.pool.end();
  }
}
