import { randomUUID } from 'node:crypto';
import { Consumer } from 'kafkajs';
import {
  EventEnvelope,
  findEventDefinition,
  fromKafkaRecord,
  parsePayload,
  prefixedTopic,
  Topics,
} from '@deskflow/contracts';
import { createKafka } from '@deskflow/messaging';
import { waitFor } from '@deskflow/testing';

/**
 * Reads every event the service publishes to its topic during a test file, and checks each
 * payload against its contract, because the service itself skips that check for payloads it
 * builds from typed records.
 */
export class EventCollector {
  readonly events: EventEnvelope<any>[] = [];
  private readonly problems = new Map<EventEnvelope, string>();
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
        const event = fromKafkaRecord(message);
        const definition = findEventDefinition(event.type);
        if (definition) {
          await parsePayload(definition, event.data).catch((error: Error) =>
            this.problems.set(event, error.message),
          );
        }
        this.events.push(event);
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
    const found = waitFor(() => this.events.find((event) => event.type === type && match(event)), {
      timeoutMs: 20000,
      what: `event ${type}`,
    });

    return found.then((event) => this.checked(event));
  }

  ofType<T = any>(type: string, subject?: string): EventEnvelope<T>[] {
    return this.events
      .filter(
        (event) => event.type === type && (subject === undefined || event.subject === subject),
      )
      .map((event) => this.checked(event));
  }

  /** Returns the event, or raises when its payload broke its contract. */
  private checked<T>(event: EventEnvelope<T>): EventEnvelope<T> {
    const problem = this.problems.get(event);
    if (problem) throw new Error(`event ${event.id} breaks its contract: ${problem}`);

    return event;
  }
}
