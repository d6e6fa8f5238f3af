import { randomUUID } from 'node:crypto';
import { Consumer } from 'kafkajs';
import { EventEnvelope, fromKafkaRecord, prefixedTopic, Topics } from '@deskflow/contracts';
import { createKafka } from '@deskflow/messaging';
import { waitFor } from '@deskflow/testing';

/** Reads every event the service publishes to its topic during a test file. */
export class EventCollector {
  readonly events: EventEnvelope<any>[] = [];
  private consumer: Consumer | undefined;

  async start(topic: string = Topics.ticket): Promise<void> {
    const kafka = createKafka(`ticket-test-${randomUUID()}`);
    const admin = kafka.admin();
    await admin.connect();
    await admin
      .createTopics({ topics: [{ topic: prefixedTopic(topic), numPartitions: 3 }] })
      .catch(() => false);
    await admin.disconnect();
    this.consumer = kafka.consumer({ groupId: `collector-${randomUUID()}` });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: prefixedTopic(topic), fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        this.events.push(fromKafkaRecord(message));
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }

  /** Waits until an event of the type matching the predicate arrives, and returns it. */
  waitFor<T = any>(
    type: string,
    match: (event: EventEnvelope<T>) => boolean = () => true,
  ): Promise<EventEnvelope<T>> {
    return waitFor(() => this.events.find((event) => event.type === type && match(event)), {
      timeoutMs: 20000,
      what: `event ${type}`,
    });
  }

  ofType<T = any>(type: string, subject?: string): EventEnvelope<T>[] {
    return this.events.filter(
      (event) => event.type === type && (subject === undefined || event.subject === subject),
    );
  }
}
