import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Consumer, Producer } from 'kafkajs';
import {
  ArticleSnapshot,
  dataSchemaOf,
  EventDefinition,
  EventEnvelope,
  fromKafkaRecord,
  prefixedTopic,
  TicketEvents,
  TicketSnapshot,
  TicketStateType,
  Topics,
  toKafkaRecord,
} from '@deskflow/contracts';
import { createServiceApp } from '@deskflow/http';
import { createKafka, ensureTopics } from '@deskflow/messaging';
import { ServiceHarness, startServiceHarness, waitFor } from '@deskflow/testing';
import { AlertWorker } from '../src/alerts/alert-worker.service';
import { createAppModule } from '../src/app.module';
import { serviceAppOptions } from '../src/service.config';
import { ManualTimeSource, TimeSource } from '../src/time/time-source';
import { SlaTables } from './sla-tables';

export { SlaTables };

export const ADMIN = { id: '00000000-0000-4000-8000-00000000000a', role: 'admin' as const };
export const AGENT = { id: '00000000-0000-4000-8000-00000000000b', role: 'agent' as const };
export const QUEUE_ID = '00000000-0000-4000-8000-0000000000c1';

/** Settings that make the alert worker poll fast enough for tests. */
export const FAST_WORKER_ENV = { SLA_ALERT_POLL_INTERVAL_MS: '50' };

const tablesByHarness = new WeakMap<ServiceHarness, SlaTables>();

/** Boots the service; closing the harness also closes its table reader. */
export async function startSla(
  time: ManualTimeSource,
  env: Record<string, string> = FAST_WORKER_ENV,
): Promise<ServiceHarness> {
  const started = await startServiceHarness(
    { ...serviceAppOptions, module: createAppModule(time) },
    env,
  );
  const tables = new SlaTables(started.db.url);
  const harness: ServiceHarness = {
    ...started,
    close: async () => {
      await tables.end();
      await started.close();
    },
  };
  tablesByHarness.set(harness, tables);

  return harness;
}

/** Returns the table reader of a harness that `startSla` started. */
export function tablesOf(harness: ServiceHarness): SlaTables {
  const tables = tablesByHarness.get(harness);
  if (!tables) throw new Error('the harness was not started by startSla');

  return tables;
}

/**
 * Fires the alerts due now on the given instances, then waits until every due alert has fired
 * and the outbox is relayed. The background workers of the instances may claim the rows first,
 * and `fireDue` skips rows that another worker holds, so its return alone proves nothing.
 */
export async function fireDueAlerts(
  harness: ServiceHarness,
  time: TimeSource,
  instances: NestFastifyApplication[] = [harness.app],
): Promise<void> {
  await Promise.all(instances.map((instance) => instance.get(AlertWorker).fireDue()));
  const tables = tablesOf(harness);
  await tables.waitForAlertsFired(time.now());
  await tables.waitForRelay();
}

/** Boots one more instance of the service on the harness's database and topic prefix. */
export async function startReplica(
  harness: ServiceHarness,
  time: TimeSource,
): Promise<NestFastifyApplication> {
  process.env.DATABASE_URL = harness.db.url;
  process.env.KAFKA_TOPIC_PREFIX = harness.kafka.topicPrefix;
  const app = await createServiceApp({ ...serviceAppOptions, module: createAppModule(time) });
  try {
    await app.startAllMicroservices();
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }

  return app;
}

/** Publishes ticket events to the real `ticket.events` topic, as the ticket service would. */
export class TicketEventPublisher {
  private readonly producer: Producer = createKafka('sla-test-publisher').producer();

  async connect(): Promise<void> {
    await this.producer.connect();
  }

  async publish<T extends object>(
    definition: EventDefinition<T>,
    data: T,
    id: string = randomUUID(),
  ): Promise<EventEnvelope<T>> {
    const snapshot = (data as { ticket: TicketSnapshot }).ticket;
    const envelope: EventEnvelope<T> = {
      id,
      source: 'deskflow/ticket',
      type: definition.type,
      time: new Date().toISOString(),
      subject: snapshot.id,
      dataschema: dataSchemaOf(definition),
      actor: 'system',
      correlationid: id,
      data,
    };
    await this.producer.send({
      topic: prefixedTopic(Topics.ticket),
      messages: [toKafkaRecord(envelope)],
    });

    return envelope;
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }
}

/** Collects every event on the service's `sla.events` topic. */
export class SlaEventCollector {
  readonly events: EventEnvelope<any>[] = [];
  private readonly kafka = createKafka('sla-test-collector');
  private consumer: Consumer | undefined;

  async start(): Promise<void> {
    const topic = prefixedTopic(Topics.sla);
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

  ofType(type: string, ticketId?: string): EventEnvelope<any>[] {
    return this.events.filter(
      (event) => event.type === type && (!ticketId || event.subject === ticketId),
    );
  }

  async waitFor(type: string, count: number, ticketId?: string): Promise<EventEnvelope<any>[]> {
    return waitFor(
      () => this.ofType(type, ticketId).length >= count && this.ofType(type, ticketId),
      {
        timeoutMs: 20000,
        what: `${count} ${type} event(s)`,
      },
    );
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

export function ticketSnapshot(overrides: Partial<TicketSnapshot> = {}): TicketSnapshot {
  const createdAt = overrides.createdAt ?? '2026-11-16T08:00:00.000Z';

  return {
    id: randomUUID(),
    number: `T-${Math.floor(Math.random() * 1e6)}`,
    title: 'Printer on floor 3 is offline',
    state: 'new',
    stateType: 'new',
    priority: 'P3',
    type: 'incident',
    channel: 'email',
    queueId: QUEUE_ID,
    queueName: 'Service Desk',
    customer: { id: randomUUID(), email: 'anna.customer@example.com', name: 'Anna Customer' },
    owner: { id: AGENT.id, email: 'anna.agent@example.com', name: 'Anna Agent' },
    organisationId: null,
    organisationTier: null,
    tags: [],
    watcherIds: [],
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  };
}

export function article(
  overrides: Partial<ArticleSnapshot> & Pick<ArticleSnapshot, 'createdAt'>,
): ArticleSnapshot {
  return {
    id: randomUUID(),
    senderType: 'customer',
    visibility: 'public',
    channel: 'email',
    automatic: false,
    bodyText: 'Hello',
    ...overrides,
  };
}

/** Creates the calendar and policy that a test case describes, and returns their ids. */
export async function createCalendarAndPolicy(
  harness: ServiceHarness,
  calendar: object,
  policy: object,
): Promise<{ calendarId: string; policyId: string }> {
  const token = await harness.tokenFor(ADMIN);
  const createdCalendar = await harness.request('POST', '/api/v1/sla/calendars', {
    token,
    body: { name: `calendar ${randomUUID()}`, ...calendar },
  });
  if (createdCalendar.status !== 201)
    throw new Error(`calendar creation failed: ${JSON.stringify(createdCalendar.body)}`);

  const createdPolicy = await harness.request('POST', '/api/v1/sla/policies', {
    token,
    body: { name: `policy ${randomUUID()}`, calendarId: createdCalendar.body.id, ...policy },
  });
  if (createdPolicy.status !== 201)
    throw new Error(`policy creation failed: ${JSON.stringify(createdPolicy.body)}`);

  return { calendarId: createdCalendar.body.id, policyId: createdPolicy.body.id };
}

export const OFFICE_HOURS_8_TO_17 = {
  timeZone: 'Europe/Berlin',
  intervals: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '17:00' })),
};

/** Waits until the service has processed an event, by its id in the inbox table. */
export function waitForProcessed(harness: ServiceHarness, eventId: string): Promise<void> {
  return tablesOf(harness).waitForProcessed(eventId);
}

/** Drives one ticket through its life by publishing the events the ticket service would send. */
export class TicketScript {
  snapshot: TicketSnapshot;

  constructor(
    private readonly harness: ServiceHarness,
    private readonly publisher: TicketEventPublisher,
    overrides: Partial<TicketSnapshot> = {},
  ) {
    this.snapshot = ticketSnapshot(overrides);
  }

  get id(): string {
    return this.snapshot.id;
  }

  /** Opens the ticket at `at` with a customer message, or in the given state without one. */
  async create(at: string, stateType: TicketStateType = 'new'): Promise<EventEnvelope> {
    this.snapshot = { ...this.snapshot, createdAt: at, updatedAt: at, stateType, state: stateType };
    const opening = stateType === 'new' ? article({ createdAt: at }) : null;

    return this.send(TicketEvents.created, { ticket: this.snapshot, article: opening });
  }

  async write(at: string, fields: Partial<ArticleSnapshot> = {}): Promise<EventEnvelope> {
    this.snapshot = { ...this.snapshot, updatedAt: at };

    return this.send(TicketEvents.articleAdded, {
      ticket: this.snapshot,
      article: article({ createdAt: at, ...fields }),
    });
  }

  async moveTo(at: string, stateType: TicketStateType): Promise<EventEnvelope> {
    const from = { state: this.snapshot.state, stateType: this.snapshot.stateType };
    this.snapshot = { ...this.snapshot, updatedAt: at, stateType, state: stateType };

    return this.send(TicketEvents.stateChanged, {
      ticket: this.snapshot,
      from,
      to: { state: stateType, stateType },
      changedAt: at,
    });
  }

  async change(at: string, fields: Partial<TicketSnapshot>): Promise<EventEnvelope> {
    const changes = Object.entries(fields).map(([field, after]) => ({
      field,
      before: this.snapshot[field as keyof TicketSnapshot],
      after,
    }));
    this.snapshot = { ...this.snapshot, ...fields, updatedAt: at };

    return this.send(TicketEvents.updated, { ticket: this.snapshot, changes });
  }

  /** Publishes an event and waits until the service processed it. */
  async send<T extends object>(
    definition: EventDefinition<T>,
    data: T,
    id?: string,
  ): Promise<EventEnvelope> {
    const event = await this.publisher.publish(definition, data, id);
    await waitForProcessed(this.harness, event.id);

    return event;
  }
}
