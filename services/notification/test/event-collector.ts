import { randomUUID } from 'node:crypto';
import { Consumer } from 'kafkajs';
import { EventEnvelope, fromKafkaRecord, prefixedTopic, Topics } from '@deskflow/contracts';
import { createKafka, ensureTopics } from '@deskflow/messaging';
import { waitFor } from '@deskflow/testing';

/** Collects every event the service publishes on `notification.events`. */
export class NotificationEventCollector {
  readonly events: EventEnvelope<any>[] = [];
  private readonly kafka = createKafka('notification-test-collector');
  private consumer: Consumer | undefined;

  async start(): Promise<void> {
    const topic = prefixedTopic(Topics.notification);
    await ensureTopics(this.kafka, [topic]);
    this.consumer = this.kafka.consumer({ groupId: `${topic}.collector.${randomUUID()}` });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        this.events.push(fromKafkaRecord(message));
      },
    });
  }

  ofType(type: string): EventEnvelope<any>[] {
    return this.events.filter((event) => event.type === type);
  }

  async waitFor(
    type: string,
    predicate: (event: EventEnvelope<any>) => boolean,
  ): Promise<EventEnvelope<any>> {
    return waitFor(() => this.ofType(type).find(predicate), {
      timeoutMs: 20000,
      what: `a ${type} event`,
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
