import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  dataSchemaOf,
  EventDefinition,
  EventEnvelope,
  parsePayload,
  prefixedTopic,
} from '@deskflow/contracts';
import { currentCorrelationId } from '@deskflow/observability';

export interface OutboxConfig {
  /** The schema holding the service's `outbox_event` table. */
  schema: string;
  /** The CloudEvents `source` of every event the service produces, e.g. `deskflow/ticket`. */
  source: string;
  /** The unprefixed topic the service produces to, e.g. `ticket.events`. */
  topic: string;
}

export interface RecordEventInput<T> {
  subject: string;
  actor: string;
  data: T;
  correlationId?: string;
  topic?: string;
}

/** Channel on which a commit with new outbox rows wakes the relay, instead of waiting a poll. */
export function outboxChannel(schema: string): string {
  return `${schema}_outbox`;
}

/**
 * Records events in the service's outbox. Call `record` with the EntityManager of the
 * transaction that makes the change, so the event exists exactly when the change does.
 */
export class Outbox {
  constructor(readonly config: OutboxConfig) {}

  async record<T extends object>(
    manager: EntityManager,
    definition: EventDefinition<T>,
    input: RecordEventInput<T>,
  ): Promise<EventEnvelope<T>> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`outbox.record(${definition.type}) must run inside a transaction`);
    }

    // Validating here rejects a producer bug before it reaches any consumer.
    await parsePayload(definition, JSON.parse(JSON.stringify(input.data)));
    const envelope: EventEnvelope<T> = {
      id: randomUUID(),
      source: this.config.source,
      type: definition.type,
      time: new Date().toISOString(),
      subject: input.subject,
      dataschema: dataSchemaOf(definition),
      actor: input.actor,
      correlationid: input.correlationId ?? currentCorrelationId(),
      data: input.data,
    };
    const topic = prefixedTopic(input.topic ?? this.config.topic);
    await manager.query(
      `INSERT INTO "${this.config.schema}"."outbox_event"
         ("id", "topic", "message_key", "type", "source", "dataschema", "actor", "correlation_id", "occurred_at", "data")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        envelope.id,
        topic,
        envelope.subject,
        envelope.type,
        envelope.source,
        envelope.dataschema,
        envelope.actor,
        envelope.correlationid,
        envelope.time,
        JSON.stringify(envelope.data),
      ],
    );
    await manager.query('SELECT pg_notify($1, $2)', [outboxChannel(this.config.schema), topic]);

    return envelope;
  }
}
