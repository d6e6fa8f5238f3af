import { Kafka, Producer } from 'kafkajs';
import { Client } from 'pg';
import { toKafkaRecord } from '@deskflow/contracts';
import { rootLogger, serviceMetrics } from '@deskflow/observability';
import { LocalRelay, outboxChannel } from './outbox';
import { recordRejectionOf } from './record-rejection';

export interface OutboxRelayConfig {
  schema: string;
  databaseUrl: string;
  batchSize?: number;
  /** How long the relay waits for a notification before it looks at the table anyway. */
  pollIntervalMs?: number;
}

interface OutboxRow {
  seq: string;
  id: string;
  topic: string;
  message_key: string;
  type: string;
  source: string;
  dataschema: string;
  actor: string;
  correlation_id: string;
  occurred_at: Date;
  data: unknown;
}

const MAX_BACKOFF_MS = 5000;

/**
 * Publishes outbox rows to Kafka in `seq` order and marks them published, with the statement
 * that selects the next batch. Only the replica holding the schema's advisory lock publishes,
 * which keeps the order of each key across replicas. A crash after publishing and before
 * marking re-sends rows; consumers drop the repeats by event id.
 *
 * A row that the broker rejects (see `recordRejectionOf`), such as one over its
 * `message.max.bytes`, is parked: `parked_at` and `park_error` are set, and the rows after it go
 * on. Any other failed send is retried with backoff. After every failed send the relay replaces
 * its idempotent producer, because kafkajs 2 may otherwise keep sequence numbers that the broker
 * rejects as out of order.
 */
export class OutboxRelay implements LocalRelay {
  private readonly logger = rootLogger().child({ context: 'OutboxRelay' });
  private producer: Producer;
  private client: Promise<Client> | undefined;
  private leader = false;
  private stopping = false;
  private running: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  /** Set by a notification that arrived after the last batch was selected. */
  private notified = false;
  private producerConnected = false;
  /** Seqs of rows sent to Kafka whose `published_at` the next statement sets. */
  private sent: string[] = [];

  constructor(
    private readonly kafka: Kafka,
    private readonly config: OutboxRelayConfig,
  ) {
    this.producer = this.createProducer();
  }

  leads(): boolean {
    return this.leader;
  }

  wakeUp(): void {
    this.notified = true;
    this.wake?.();
  }

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
    await this.markSent();
    await this.closeClient();
    if (this.producerConnected) {
      await this.producer.disconnect();
    }
  }

  /** Publishes everything currently pending; used by tests and by shutdown. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const published = await this.publishBatch();
      total += published;
      if (published === 0) return total;
    }
  }

  /** Counts the rows waiting to be published; parked rows do not count. */
  async backlog(): Promise<number> {
    const client = await this.connectClient();
    const result = await client.query(
      `SELECT count(*)::int AS n FROM "${this.config.schema}"."outbox_event"
        WHERE "published_at" IS NULL AND "parked_at" IS NULL`,
    );

    return result.rows[0].n as number;
  }

  /** Counts the parked rows and sets the `outbox_parked` gauge. */
  async parked(): Promise<number> {
    const client = await this.connectClient();
    const result = await client.query(
      `SELECT count(*)::int AS n FROM "${this.config.schema}"."outbox_event" WHERE "parked_at" IS NOT NULL`,
    );
    const count = result.rows[0].n as number;
    serviceMetrics().outboxParked.set(count);

    return count;
  }

  private async loop(): Promise<void> {
    let backoff = 200;
    while (!this.stopping) {
      try {
        if (!(await this.acquireLeadership())) {
          await this.sleep(this.config.pollIntervalMs ?? 1000);
          continue;
        }
        const published = await this.publishBatch();
        backoff = 200;
        // A notification that came in while the batch was read may have missed the sleep.
        if (published === 0 && !this.notified) {
          await this.sleep(this.config.pollIntervalMs ?? 1000);
        }
      } catch (error) {
        this.logger.warn({ err: error, retryInMs: backoff }, 'outbox publish failed, retrying');
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
  }

  private async publishBatch(): Promise<number> {
    const client = await this.connectClient();
    const table = `"${this.config.schema}"."outbox_event"`;
    // Marking the previous batch in the statement that selects the next one saves a round trip.
    const marking = [...this.sent];
    const batchSize = this.config.batchSize ?? 200;
    this.notified = false;
    const { rows } = await client.query<OutboxRow>(
      `WITH "marked" AS (UPDATE ${table} SET "published_at" = now() WHERE "seq" = ANY($2::bigint[]))
       SELECT * FROM ${table}
        WHERE "published_at" IS NULL AND "parked_at" IS NULL AND "seq" <> ALL($2::bigint[])
        ORDER BY "seq" LIMIT $1`,
      [batchSize, marking],
    );
    this.sent.splice(0, marking.length);
    // A full batch may have more rows behind it, so the gauge then counts all waiting rows.
    serviceMetrics().outboxBacklog.set(
      rows.length < batchSize ? rows.length : await this.backlog(),
    );
    if (rows.length === 0) return 0;

    try {
      await this.send(rows);
      this.markSending(rows);
    } catch (error) {
      await this.replaceProducer();
      if (!recordRejectionOf(error)) throw error;

      // One request carried the whole batch, so only single sends tell which rows the broker rejects.
      await this.sendOneByOne(rows);
    }

    return rows.length;
  }

  private async send(rows: OutboxRow[]): Promise<void> {
    if (!this.producerConnected) {
      await this.producer.connect();
      this.producerConnected = true;
    }
    await this.producer.sendBatch({ acks: -1, topicMessages: this.groupByTopic(rows) });
  }

  /** Sends rows one at a time in order, parking each that the broker rejects. */
  private async sendOneByOne(rows: OutboxRow[]): Promise<void> {
    for (const row of rows) {
      try {
        await this.send([row]);
        this.markSending([row]);
      } catch (error) {
        await this.replaceProducer();
        const rejection = recordRejectionOf(error);
        if (!rejection) throw error;

        await this.park(row, rejection, error as Error);
      }
    }
  }

  /** Queues rows for the statement that marks them published, and counts them. */
  private markSending(rows: OutboxRow[]): void {
    this.sent.push(...rows.map((row) => row.seq));
    for (const row of rows) {
      serviceMetrics().eventsPublished.inc({ topic: row.topic });
    }
  }

  private async park(row: OutboxRow, rejection: string, error: Error): Promise<void> {
    const client = await this.connectClient();
    const message = `${rejection}: ${error.message}`;
    await client.query(
      `UPDATE "${this.config.schema}"."outbox_event" SET "parked_at" = now(), "park_error" = $2 WHERE "seq" = $1`,
      [row.seq, message],
    );
    serviceMetrics().eventsParked.inc({ topic: row.topic, reason: rejection });
    this.logger.error(
      { eventId: row.id, eventType: row.type, topic: row.topic, reason: rejection, err: error },
      'Kafka rejected an outbox event, parked it and went on with the next events',
    );
    await this.parked();
  }

  private createProducer(): Producer {
    return this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  }

  /**
   * Replaces the producer after a failed send. A new producer gets a new producer id from the
   * broker and starts its sequence numbers again.
   */
  private async replaceProducer(): Promise<void> {
    const failed = this.producer;
    this.producer = this.createProducer();
    if (!this.producerConnected) return;

    this.producerConnected = false;
    await failed.disconnect().catch((error: unknown) => {
      this.logger.warn({ err: error }, 'outbox relay could not disconnect its failed producer');
    });
  }

  /** Marks the last batch published when no further statement will. */
  private async markSent(): Promise<void> {
    if (this.sent.length === 0 || !this.client) return;

    try {
      const client = await this.client;
      await client.query(
        `UPDATE "${this.config.schema}"."outbox_event" SET "published_at" = now() WHERE "seq" = ANY($1::bigint[])`,
        [this.sent],
      );
      this.sent = [];
    } catch (error) {
      this.logger.warn({ err: error }, 'outbox relay could not mark its last batch published');
    }
  }

  private groupByTopic(rows: OutboxRow[]) {
    const byTopic = new Map<
      string,
      { key: string; value: string; headers: Record<string, string> }[]
    >();
    for (const row of rows) {
      const record = toKafkaRecord({
        id: row.id,
        source: row.source,
        type: row.type,
        time: new Date(row.occurred_at).toISOString(),
        subject: row.message_key,
        dataschema: row.dataschema,
        actor: row.actor,
        correlationid: row.correlation_id,
        data: row.data,
      });
      const messages = byTopic.get(row.topic) ?? [];
      messages.push(record);
      byTopic.set(row.topic, messages);
    }

    return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
  }

  private async acquireLeadership(): Promise<boolean> {
    if (this.leader) return true;

    const client = await this.connectClient();
    const result = await client.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [
      `deskflow:outbox:${this.config.schema}`,
    ]);
    this.leader = result.rows[0].locked === true;
    if (this.leader) {
      this.logger.info({ schema: this.config.schema }, 'outbox relay is the publishing replica');
      await this.parked();
    }

    return this.leader;
  }

  /** The relay's connection; callers at the same time share one instead of opening several. */
  private connectClient(): Promise<Client> {
    this.client ??= this.openClient().catch((error: unknown) => {
      this.client = undefined;
      throw error;
    });

    return this.client;
  }

  private async openClient(): Promise<Client> {
    const client = new Client({ connectionString: this.config.databaseUrl });
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'outbox relay lost its database connection');
      this.leader = false;
      this.client = undefined;
    });
    client.on('notification', () => this.wakeUp());
    await client.connect();
    await client.query(`LISTEN "${outboxChannel(this.config.schema)}"`);

    return client;
  }

  private async closeClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.leader = false;
    await (await client?.catch(() => undefined))?.end().catch(() => undefined);
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();

    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
