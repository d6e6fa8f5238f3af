import { randomUUID } from 'node:crypto';
import { Producer } from 'kafkajs';
import {
  dataSchemaOf,
  EventDefinition,
  prefixedTopic,
  toKafkaRecord,
  Topics,
} from '@deskflow/contracts';
import { createKafka } from '@deskflow/messaging';

/** Publishes SLA events to the test's topic prefix the way the SLA service does. */
export class SlaEventProducer {
  private producer: Producer | undefined;

  async start(): Promise<void> {
    this.producer = createKafka(`sla-test-${randomUUID()}`).producer();
    await this.producer.connect();
  }

  async stop(): Promise<void> {
    await this.producer?.disconnect();
  }

  async send<T extends object>(
    definition: EventDefinition<T>,
    subject: string,
    data: T,
    time = new Date(),
  ): Promise<void> {
    const record = toKafkaRecord({
      id: randomUUID(),
      source: 'deskflow/sla',
      type: definition.type,
      time: time.toISOString(),
      subject,
      dataschema: dataSchemaOf(definition),
      actor: 'system',
      correlationid: randomUUID(),
      data,
    });
    await this.producer!.send({ topic: prefixedTopic(Topics.sla), messages: [record] });
  }
}
