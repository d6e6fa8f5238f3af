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

export interface RecordSelectedInput {
  /**
   * A SELECT returning one row per event, with a text column `subject` (the message key) and a
   * jsonb column `data` (the payload). It may use the parameters $1..$n of `params`.
   */
  selectSql: string;
  params: unknown[];
  actor: string;
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

  /**
   * Records several events of one type with one INSERT and one notification, for producers that
   * emit many events in one transaction (for example a scheduler firing a batch of timers).
   */
  async recordMany<T extends object>(
    manager: EntityManager,
    definition: EventDefinition<T>,
    inputs: RecordEventInput<T>[],
  ): Promise<EventEnvelope<T>[]> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`outbox.recordMany(${definition.type}) must run inside a transaction`);
    }
    if (inputs.length === 0) return [];

    for (const input of inputs)
      await parsePayload(definition, JSON.parse(JSON.stringify(input.data)));
    const time = new Date().toISOString();
    const envelopes = inputs.map(
      (input): EventEnvelope<T> => ({
        id: randomUUID(),
        source: this.config.source,
        type: definition.type,
        time,
        subject: input.subject,
        dataschema: dataSchemaOf(definition),
        actor: input.actor,
        correlationid: input.correlationId ?? currentCorrelationId(),
        data: input.data,
      }),
    );
    const topics = inputs.map((input) => prefixedTopic(input.topic ?? this.config.topic));
    await manager.query(
      `INSERT INTO "${this.config.schema}"."outbox_event"
         ("id", "topic", "message_key", "type", "source", "dataschema", "actor", "correlation_id", "occurred_at", "data")
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                            $9::timestamptz[], $10::jsonb[])`,
      [
        envelopes.map((envelope) => envelope.id),
        topics,
        envelopes.map((envelope) => envelope.subject),
        envelopes.map((envelope) => envelope.type),
        envelopes.map((envelope) => envelope.source),
        envelopes.map((envelope) => envelope.dataschema),
        envelopes.map((envelope) => envelope.actor),
        envelopes.map((envelope) => envelope.correlationid),
        envelopes.map((envelope) => envelope.time),
        envelopes.map((envelope) => JSON.stringify(envelope.data)),
      ],
    );
    await manager.query('SELECT pg_notify($1, $2)', [outboxChannel(this.config.schema), topics[0]]);

    return envelopes;
  }

  /**
   * Records one event per row of a query with one INSERT ... SELECT, so that large payloads built
   * from stored data never travel through Node. Only the first payload is validated, because
   * one query builds them all. Returns the number of events recorded.
   */
  async recordSelected<T extends object>(
    manager: EntityManager,
    definition: EventDefinition<T>,
    input: RecordSelectedInput,
  ): Promise<number> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`outbox.recordSelected(${definition.type}) must run inside a transaction`);
    }

    const next = input.params.length + 1;
    const rows: { recorded: number; first: unknown }[] = await manager.query(
      `WITH recorded AS (
         INSERT INTO "${this.config.schema}"."outbox_event"
           ("id", "topic", "message_key", "type", "source", "dataschema", "actor", "correlation_id", "occurred_at", "data")
         SELECT gen_random_uuid(), $${next}, selected."subject", $${next + 1}, $${next + 2}, $${next + 3}, $${next + 4},
                $${next + 5}, $${next + 6}, selected."data"
           FROM (${input.selectSql}) AS selected
         RETURNING "seq", "data")
       SELECT count(*)::int AS "recorded", (SELECT "data" FROM recorded ORDER BY "seq" LIMIT 1) AS "first" FROM recorded`,
      [
        ...input.params,
        prefixedTopic(input.topic ?? this.config.topic),
        definition.type,
        this.config.source,
        dataSchemaOf(definition),
        input.actor,
        currentCorrelationId(),
        new Date().toISOString(),
      ],
    );
    const { recorded, first } = rows[0];
    if (recorded === 0) return 0;

    // Validating here rejects a producer bug before it reaches any consumer; raising rolls back.
    await parsePayload(definition, first);
    await manager.query('SELECT pg_notify($1, $2)', [
      outboxChannel(this.config.schema),
      prefixedTopic(input.topic ?? this.config.topic),
    ]);

    return recorded;
  }
}
