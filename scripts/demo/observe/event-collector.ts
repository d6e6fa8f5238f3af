import { randomBytes } from 'node:crypto';
import { Consumer, Kafka, logLevel } from 'kafkajs';
import { fromKafkaRecord, prefixedTopic } from '@deskflow/contracts';

/** An event as the collector saw it; `receivedAt` is this process's clock on arrival. */
export interface SeenEvent {
  id: string;
  type: string;
  subject: string;
  time: string;
  receivedAt: number;
  data: Record<string, any>;
}

const JOIN_TIMEOUT_MS = 30_000;

export function demoKafka(brokers: string[], clientId: string): Kafka {
  return new Kafka({ clientId, brokers, logLevel: logLevel.ERROR, retry: { retries: 5 } });
}

/**
 * Reads a topic from its beginning with a group of its own, so that it never takes events
 * away from the services. Keeps every event by envelope id, so a redelivered record counts once.
 */
export class EventCollector {
  private readonly byId = new Map<string, SeenEvent>();
  private consumer?: Consumer;
  /** Records whose envelope id was seen before: redeliveries, not new events. */
  redeliveries = 0;

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    private readonly topicPrefix: string,
  ) {}

  async start(): Promise<void> {
    const groupId = `deskflow-demo-${randomBytes(6).toString('hex')}`;
    const consumer = this.kafka.consumer({
      groupId,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
    });
    this.consumer = consumer;
    await consumer.connect();
    const joined = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no partitions of ${this.topic} assigned in time`)),
        JOIN_TIMEOUT_MS,
      );
      consumer.on(consumer.events.GROUP_JOIN, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    await consumer.subscribe({
      topic: prefixedTopic(this.topic, this.topicPrefix),
      fromBeginning: true,
    });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const envelope = fromKafkaRecord(message);
        if (this.byId.has(envelope.id)) {
          this.redeliveries += 1;

          return;
        }
        this.byId.set(envelope.id, {
          id: envelope.id,
          type: envelope.type,
          subject: envelope.subject ?? '',
          time: envelope.time ?? '',
          receivedAt: Date.now(),
          data: envelope.data as Record<string, any>,
        });
      },
    });
    await joined;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }

  events(filter?: (event: SeenEvent) => boolean): SeenEvent[] {
    const all = [...this.byId.values()];

    return filter ? all.filter(filter) : all;
  }
}
