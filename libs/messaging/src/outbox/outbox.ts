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
import { SqlParams } from '@deskflow/persistence';

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
  /** The CloudEvents `time`: when the change happened. Defaults to the moment of `prepare`. */
  time?: Date;
  /**
   * False for a payload that the service built from its own typed records, not from external
   * input: the compiler has checked its shape, and consumers validate it on receipt. Skips the
   * check against the contract that costs a noticeable share of a busy producer's CPU time.
   */
  validate?: boolean;
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

const MAX_EVENTS_PER_STATEMENT = 1000;

function requireTransaction(manager: EntityManager, call: string): void {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error(`${call} must run inside a transaction`);
  }
}

/** Channel on which a commit with new outbox rows wakes the relay, instead of waiting a poll. */
export function outboxChannel(schema: string): string {
  return `${schema}_outbox`;
}

/** The relay of this process, which a commit here may wake without a notification. */
export interface LocalRelay {
  /** True while this process's relay holds the lock that makes it the publishing replica. */
  leads(): boolean;
  /** Makes the relay read the outbox now instead of at the end of its poll interval. */
  wakeUp(): void;
}

/** The relay wake-up of a statement that writes events (see `Outbox.wakeUp`). */
export interface RelayWakeUp {
  /** An expression for the statement's select list. */
  sql: string;
  /** To call once the statement has committed. */
  afterCommit(): void;
}

/** An event ready for the outbox: its envelope and the prefixed topic it goes to. */
export interface PreparedEvent<T = unknown> {
  envelope: EventEnvelope<T>;
  topic: string;
}

/**
 * Records events in the service's outbox. Call `record` with the EntityManager of the
 * transaction that makes the change, so the event exists exactly when the change does.
 */
export class Outbox {
  private localRelay: LocalRelay | undefined;

  constructor(readonly config: OutboxConfig) {}

  /** Lets statements run in this process wake its relay directly while it publishes. */
  useLocalRelay(relay: LocalRelay): void {
    this.localRelay = relay;
  }

  async record<T extends object>(
    manager: EntityManager,
    definition: EventDefinition<T>,
    input: RecordEventInput<T>,
  ): Promise<EventEnvelope<T>> {
    requireTransaction(manager, `outbox.record(${definition.type})`);
    const event = await this.prepare(definition, input);
    await this.write(manager, [event]);

    return event.envelope;
  }

  /**
   * Records several events of one type with a statement per thousand, for producers that emit many events
   * in one transaction (for example a scheduler firing a batch of timers).
   */
  async recordMany<T extends object>(
    manager: EntityManager,
    definition: EventDefinition<T>,
    inputs: RecordEventInput<T>[],
  ): Promise<EventEnvelope<T>[]> {
    requireTransaction(manager, `outbox.recordMany(${definition.type})`);
    if (inputs.length === 0) return [];

    const events: PreparedEvent<T>[] = [];
    for (const input of inputs) events.push(await this.prepare(definition, input));
    await this.write(manager, events);

    return events.map((event) => event.envelope);
  }

  /** Validates the payload and builds the event's envelope, without writing anything. */
  async prepare<T extends object>(
    definition: EventDefinition<T>,
    input: RecordEventInput<T>,
  ): Promise<PreparedEvent<T>> {
    // Validating here rejects a producer bug before it reaches any consumer.
    if (input.validate !== false) {
      await parsePayload(definition, JSON.parse(JSON.stringify(input.data)));
    }

    return {
      envelope: {
        id: randomUUID(),
        source: this.config.source,
        type: definition.type,
        time: (input.time ?? new Date()).toISOString(),
        subject: input.subject,
        dataschema: dataSchemaOf(definition),
        actor: input.actor,
        correlationid: input.correlationId ?? currentCorrelationId(),
        data: input.data,
      },
      topic: prefixedTopic(input.topic ?? this.config.topic),
    };
  }

  /**
   * Builds an INSERT of the rows of prepared events, for a caller that writes a change and its
   * events with one statement of its own, as a data-modifying WITH query. The statement must
   * also evaluate the expression of `wakeUp`.
   */
  insertSql(events: PreparedEvent[], params: SqlParams): string {
    const rows = events.map(({ envelope, topic }) => {
      const values = [
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
      ];

      return `(${values.map((value) => params.add(value)).join(', ')})`;
    });

    return `INSERT INTO "${this.config.schema}"."outbox_event"
         ("id", "topic", "message_key", "type", "source", "dataschema", "actor", "correlation_id", "occurred_at", "data")
       VALUES ${rows.join(', ')}`;
  }

  /**
   * Chooses how a statement that writes events outside a transaction wakes the relay. While
   * this process's relay publishes, `afterCommit` wakes it directly. Otherwise the statement
   * notifies the publishing replica through Postgres. Notifying costs more than a
   * round trip: Postgres serialises the commits of all transactions that notify. Should another
   * replica take over in between, it finds the events at its next poll.
   */
  wakeUp(params: SqlParams): RelayWakeUp {
    const relay = this.localRelay;
    if (relay?.leads()) return { sql: 'NULL', afterCommit: () => relay.wakeUp() };

    return { sql: this.notifySql(params), afterCommit: () => undefined };
  }

  /** Builds an SQL expression that wakes the publishing replica when the transaction commits. */
  private notifySql(params: SqlParams): string {
    return `pg_notify(${params.add(outboxChannel(this.config.schema))}, '')`;
  }

  private async write(manager: EntityManager, events: PreparedEvent[]): Promise<void> {
    // Postgres takes at most 65535 parameters, ten per event.
    for (let start = 0; start < events.length; start += MAX_EVENTS_PER_STATEMENT) {
      const params = new SqlParams();
      const insert = this.insertSql(events.slice(start, start + MAX_EVENTS_PER_STATEMENT), params);
      await manager.query(
        `WITH "recorded" AS (${insert}) SELECT ${this.notifySql(params)}`,
        params.values,
      );
    }
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
    requireTransaction(manager, `outbox.recordSelected(${definition.type})`);
    const params = new SqlParams([...input.params]);
    // The relay is woken only when the query selected rows; the wake-up is sent on commit.
    const rows: { recorded: number; first: unknown }[] = await manager.query(
      `WITH recorded AS (
         INSERT INTO "${this.config.schema}"."outbox_event"
           ("id", "topic", "message_key", "type", "source", "dataschema", "actor", "correlation_id", "occurred_at", "data")
         SELECT gen_random_uuid(), ${params.add(prefixedTopic(input.topic ?? this.config.topic))}, selected."subject",
                ${params.add(definition.type)}, ${params.add(this.config.source)}, ${params.add(dataSchemaOf(definition))},
                ${params.add(input.actor)}, ${params.add(currentCorrelationId())}, ${params.add(new Date().toISOString())},
                selected."data"
           FROM (${input.selectSql}) AS selected
         RETURNING "seq", "data")
       SELECT count(*)::int AS "recorded", (SELECT "data" FROM recorded ORDER BY "seq" LIMIT 1) AS "first",
              (SELECT ${this.notifySql(params)} FROM recorded LIMIT 1) AS "woken"
         FROM recorded`,
      params.values,
    );
    const { recorded, first } = rows[0];
    if (recorded === 0) return 0;

    // Validating here rejects a producer bug before it reaches any consumer; raising rolls back.
    await parsePayload(definition, first);

    return recorded;
  }
}
