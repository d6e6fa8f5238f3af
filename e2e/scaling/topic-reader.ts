import { randomUUID } from 'node:crypto';
import { Consumer } from 'kafkajs';
import { EventEnvelope, fromKafkaRecord, prefixedTopic } from '@deskflow/contracts';
import { createKafka, ensureTopics } from '@deskflow/messaging';
import { waitFor } from '@deskflow/testing';

/** A record as it sits on the topic: its envelope and its place in the partition log. */
export interface TopicRecord {
  envelope: EventEnvelope<any>;
  partition: number;
  offset: bigint;
}

/** Reads one topic from the beginning with a consumer group of its own and keeps every record. */
export class TopicReader {
  readonly records: TopicRecord[] = [];
  private readonly kafka = createKafka('scaling-test-reader');
  private consumer: Consumer | undefined;

  constructor(private readonly unprefixedTopic: string) {}

  async start(): Promise<void> {
    const topic = prefixedTopic(this.unprefixedTopic);
    await ensureTopics(this.kafka, [topic]);
    this.consumer = this.kafka.consumer({ groupId: `${topic}.reader.${randomUUID()}` });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ partition, message }) => {
        this.records.push({
          envelope: fromKafkaRecord(message),
          partition,
          offset: BigInt(message.offset),
        });
      },
    });
  }

  ofType(type: string, subject?: string): EventEnvelope<any>[] {
    return this.records
      .map((record) => record.envelope)
      .filter((envelope) => envelope.type === type && (!subject || envelope.subject === subject));
  }

  /** Waits until every given event id has arrived at least once. */
  async waitForIds(ids: string[], description: string): Promise<void> {
    await waitFor(
      () => {
        const seen = new Set(this.records.map((record) => record.envelope.id));

        return ids.every((id) => seen.has(id));
      },
      { timeoutMs: 30000, what: description },
    );
  }

  async waitForType(type: string, subject: string): Promise<EventEnvelope<any>> {
    return waitFor(() => this.ofType(type, subject)[0], {
      timeoutMs: 30000,
      what: `${type} for ${subject}`,
    });
  }

  /** Event ids of one key in log order. */
  idsOfKey(subject: string): string[] {
    return this.records
      .filter((record) => record.envelope.subject === subject)
      .sort((a, b) => a.partition - b.partition || Number(a.offset - b.offset))
      .map((record) => record.envelope.id);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
