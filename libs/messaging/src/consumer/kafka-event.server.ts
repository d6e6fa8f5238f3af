import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { Consumer, EachMessagePayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { DataSource } from 'typeorm';
import {
  deadLetterTopic,
  EventEnvelope,
  findEventDefinition,
  fromKafkaRecord,
  InvalidCloudEventError,
  InvalidEventPayloadError,
  parsePayload,
  prefixedTopic,
} from '@deskflow/contracts';
import { rootLogger, runWithContext, serviceMetrics } from '@deskflow/observability';
import { ensureTopics } from '../kafka/ensure-topics';
import { EventContext } from './event-context';

export interface KafkaEventServerOptions {
  kafka: Kafka;
  dataSource: DataSource;
  /** The schema holding the consumer's `inbox_event` table. */
  schema: string;
  groupId: string;
  /** Unprefixed topics, e.g. `ticket.events`. */
  topics: string[];
  /** Attempts before a failing event goes to the dead-letter topic. */
  maxAttempts?: number;
  initialBackoffMs?: number;
  fromBeginning?: boolean;
}

type Outcome = 'applied' | 'duplicate' | 'ignored';

/**
 * A Nest transport that consumes CloudEvents from Kafka and dispatches them by event type to
 * `@EventPattern(type)` handlers. Each event is applied at most once per consumer group: its id
 * goes into the inbox table in the transaction that runs the handler. A failing event is retried
 * with exponential backoff, then sent to `<topic>.dlq` with the error in its headers, and the
 * partition moves on.
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  private readonly log = rootLogger().child({ context: 'KafkaEventServer' });
  private consumer: Consumer | undefined;
  private producer: Producer | undefined;

  constructor(private readonly options: KafkaEventServerOptions) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
    this.consumer = undefined;
    this.producer = undefined;
  }

  on(): never {
    throw new Error('KafkaEventServer does not support event listeners');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async start(): Promise<void> {
    const { kafka, groupId, topics } = this.options;
    await ensureTopics(
      kafka,
      topics.map((topic) => prefixedTopic(topic)),
    );
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.producer.connect();
    this.consumer = kafka.consumer({
      groupId: prefixedTopic(groupId),
      sessionTimeout: 30000,
      heartbeatInterval: 3000,
      // Disconnecting waits for the fetch in flight, so a long wait would slow every shutdown.
      maxWaitTimeInMs: 1000,
      allowAutoTopicCreation: true,
    });
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: topics.map((topic) => prefixedTopic(topic)),
      fromBeginning: this.options.fromBeginning ?? true,
    });
    await this.consumer.run({
      autoCommit: true,
      partitionsConsumedConcurrently: 3,
      eachMessage: (payload) => this.handleMessage(payload),
    });
    this.log.info({ groupId, topics }, 'consumer started');
  }

  private async handleMessage({
    topic,
    partition,
    message,
    heartbeat,
  }: EachMessagePayload): Promise<void> {
    let envelope: EventEnvelope;
    try {
      envelope = fromKafkaRecord(message);
    } catch (error) {
      await this.deadLetter(topic, partition, message, error as Error, 1);
      return;
    }

    await runWithContext({ requestId: envelope.id, correlationId: envelope.correlationid }, () =>
      this.processWithRetries(topic, partition, message, envelope, heartbeat),
    );
  }

  private async processWithRetries(
    topic: string,
    partition: number,
    message: KafkaMessage,
    envelope: EventEnvelope,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    let backoff = this.options.initialBackoffMs ?? 200;
    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = await this.apply(envelope);
        serviceMetrics().eventsConsumed.inc({ topic, result: outcome });
        return;
      } catch (error) {
        serviceMetrics().consumerErrors.inc({ topic });
        const permanent =
          error instanceof InvalidEventPayloadError || error instanceof InvalidCloudEventError;
        if (permanent || attempt >= maxAttempts) {
          await this.deadLetter(topic, partition, message, error as Error, attempt);
          return;
        }
        this.log.warn(
          { err: error, eventId: envelope.id, type: envelope.type, attempt, retryInMs: backoff },
          'event handler failed, retrying',
        );
        await new Promise((resolve) => setTimeout(resolve, backoff));
        await heartbeat();
        backoff *= 2;
      }
    }
  }

  private async apply(envelope: EventEnvelope): Promise<Outcome> {
    const handler = this.getHandlerByPattern(envelope.type);
    if (!handler) return 'ignored';

    const definition = findEventDefinition(envelope.type);
    const payload = definition ? await parsePayload(definition, envelope.data) : envelope.data;

    return this.options.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO "${this.options.schema}"."inbox_event" ("event_id", "consumer_group", "type")
         VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING "event_id"`,
        [envelope.id, this.options.groupId, envelope.type],
      );
      if (inserted.length === 0) return 'duplicate';

      const result = await handler(payload, new EventContext([envelope, manager]));
      await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });

      return 'applied';
    });
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    error: Error,
    attempts: number,
  ): Promise<void> {
    const headers: Record<string, Buffer | string> = {};
    for (const [name, value] of Object.entries(message.headers ?? {})) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value[0] : value;
    }
    headers['dlq_error'] = error.message.slice(0, 2000);
    headers['dlq_error_class'] = error.constructor.name;
    headers['dlq_attempts'] = String(attempts);
    headers['dlq_consumer_group'] = this.options.groupId;
    headers['dlq_original_topic'] = topic;
    headers['dlq_original_partition'] = String(partition);
    headers['dlq_original_offset'] = message.offset;
    await this.producer!.send({
      topic: deadLetterTopic(topic),
      acks: -1,
      messages: [{ key: message.key, value: message.value, headers }],
    });
    serviceMetrics().eventsConsumed.inc({ topic, result: 'dead_lettered' });
    this.log.error(
      { err: error, topic, partition, offset: message.offset, attempts },
      'event sent to the dead-letter topic',
    );
  }
}
