import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Producer } from 'kafkajs';
import {
  AgentChangedPayload,
  ArticleSnapshot,
  dataSchemaOf,
  DirectoryEvents,
  EventDefinition,
  EventEnvelope,
  prefixedTopic,
  QueueChangedPayload,
  TicketSnapshot,
  Topics,
  toKafkaRecord,
} from '@deskflow/contracts';
import { createKafka } from '@deskflow/messaging';
import { ServiceHarness, startServiceHarness, waitFor } from '@deskflow/testing';
import { serviceAppOptions } from '../src/service.config';
import { SmtpSink } from './smtp-sink';

export const ADMIN = { id: '00000000-0000-4000-8000-0000000000ad', role: 'admin' as const };

/** Settings that make workers react fast enough for tests. */
export const FAST_ENV = {
  NOTIFICATION_POLL_INTERVAL_MS: '50',
  DELIVERY_RETRY_BASE_MS: '50',
  DELIVERY_RETRY_MAX_MS: '400',
  ACKNOWLEDGEMENT_GRACE_MS: '1500',
  DIGEST_WINDOW_MS: '0',
  LOG_LEVEL: 'warn',
};

export interface NotificationTestbed {
  harness: ServiceHarness;
  smtp: SmtpSink;
  publisher: EventPublisher;
  db: Client;
  close(): Promise<void>;
}

/** Starts an SMTP sink, the service on a fresh database and topic prefix, and a publisher. */
export async function startNotification(
  env: Record<string, string> = {},
): Promise<NotificationTestbed> {
  const smtp = new SmtpSink();
  await smtp.start();
  const harness = await startServiceHarness(serviceAppOptions, {
    ...FAST_ENV,
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Service Desk <support@support.deskflow.local>',
    ...env,
  });
  const publisher = new EventPublisher(harness);
  await publisher.connect();
  const db = new Client({ connectionString: harness.db.url });
  await db.connect();

  return {
    harness,
    smtp,
    publisher,
    db,
    close: async () => {
      await publisher.disconnect();
      await db.end();
      await harness.close();
      await smtp.stop();
    },
  };
}

/** Names the service that produces an event type; directory events travel with ticket events here. */
function producerOf(type: string): 'sla' | 'knowledge' | 'ticket' {
  if (type.startsWith('sla.')) return 'sla';
  if (type.startsWith('knowledge.')) return 'knowledge';

  return 'ticket';
}

/** Publishes events to the real topics, as the ticket, SLA and knowledge services would. */
export class EventPublisher {
  private readonly producer: Producer = createKafka('notification-test-publisher').producer();

  constructor(private readonly harness: ServiceHarness) {}

  async connect(): Promise<void> {
    await this.producer.connect();
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }

  async publish<T extends object>(
    definition: EventDefinition<T>,
    data: T,
    options: { actor?: string; subject?: string; id?: string } = {},
  ): Promise<EventEnvelope<T>> {
    const id = options.id ?? randomUUID();
    const subject =
      options.subject ??
      (data as { ticket?: TicketSnapshot }).ticket?.id ??
      (data as { ticketId?: string; id?: string }).ticketId ??
      (data as { id?: string }).id ??
      id;
    const envelope: EventEnvelope<T> = {
      id,
      source: `deskflow/${producerOf(definition.type)}`,
      type: definition.type,
      time: new Date().toISOString(),
      subject,
      dataschema: dataSchemaOf(definition),
      actor: options.actor ?? 'system',
      correlationid: id,
      data,
    };
    await this.send(envelope);

    return envelope;
  }

  /** Sends an envelope again unchanged, as a redelivery after a consumer crash would. */
  async send(envelope: EventEnvelope): Promise<void> {
    const topic = Topics[producerOf(envelope.type)];
    await this.producer.send({ topic: prefixedTopic(topic), messages: [toKafkaRecord(envelope)] });
  }

  /** Publishes and waits until the service recorded the event as processed. */
  async publishAndWait<T extends object>(
    definition: EventDefinition<T>,
    data: T,
    options: { actor?: string; subject?: string; id?: string } = {},
  ): Promise<EventEnvelope<T>> {
    const envelope = await this.publish(definition, data, options);
    await waitForProcessed(this.harness, envelope.id);

    return envelope;
  }
}

export async function waitForProcessed(harness: ServiceHarness, eventId: string): Promise<void> {
  const client = new Client({ connectionString: harness.db.url });
  await client.connect();
  try {
    await waitFor(
      async () => {
        const result = await client.query(
          'SELECT 1 FROM "notification"."inbox_event" WHERE "event_id" = $1',
          [eventId],
        );

        return result.rowCount === 1;
      },
      { timeoutMs: 30000, what: `event ${eventId} to be processed` },
    );
  } finally {
    await client.end();
  }
}

/** Waits until no delivery is queued, held or being sent. */
export async function waitForIdle(db: Client, timeoutMs = 20000): Promise<void> {
  await waitFor(
    async () => {
      const result = await db.query(
        `SELECT count(*)::int AS n FROM "notification"."delivery" WHERE "status" IN ('queued', 'sending', 'held')`,
      );

      return result.rows[0].n === 0;
    },
    { timeoutMs, what: 'all deliveries to finish' },
  );
}

export function agent(
  name: string,
  queueIds: string[],
  overrides: Partial<AgentChangedPayload> = {},
): AgentChangedPayload {
  return {
    id: randomUUID(),
    email: `${name.toLowerCase()}@agents.example.org`,
    name,
    language: 'en',
    queueIds,
    role: 'agent',
    active: true,
    ...overrides,
  };
}

export function queue(
  name: string,
  overrides: Partial<QueueChangedPayload> = {},
): QueueChangedPayload {
  return {
    id: randomUUID(),
    name,
    escalationEmails: [],
    senderEmail: null,
    active: true,
    ...overrides,
  };
}

export async function publishDirectory(
  publisher: EventPublisher,
  queues: QueueChangedPayload[],
  agents: AgentChangedPayload[],
): Promise<void> {
  for (const item of queues) await publisher.publishAndWait(DirectoryEvents.queueChanged, item);
  for (const item of agents) await publisher.publishAndWait(DirectoryEvents.agentChanged, item);
}

export function ticketSnapshot(
  queueId: string,
  overrides: Partial<TicketSnapshot> = {},
): TicketSnapshot {
  const now = new Date().toISOString();

  return {
    id: randomUUID(),
    number: String(10000 + Math.floor(Math.random() * 89999)),
    title: 'Printer on floor 3 is offline',
    state: 'new',
    stateType: 'new',
    priority: 'P3',
    type: 'incident',
    channel: 'email',
    queueId,
    queueName: 'IT',
    owner: null,
    customer: {
      id: randomUUID(),
      email: 'erika@customer.example.org',
      name: 'Erika',
      language: 'en',
    },
    organisationId: null,
    organisationTier: null,
    tags: [],
    watcherIds: [],
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

export function article(overrides: Partial<ArticleSnapshot> = {}): ArticleSnapshot {
  return {
    id: randomUUID(),
    senderType: 'customer',
    visibility: 'public',
    channel: 'email',
    automatic: false,
    authorId: null,
    fromAddress: 'erika@customer.example.org',
    subject: 'Printer on floor 3 is offline',
    bodyText: 'It shows error E42.',
    messageId: `<${randomUUID()}@customer.example.org>`,
    createdAt: new Date().toISOString(),
    ...overrides,
  };
}

/** Deliveries per recipient key, all channels together, excluding digested originals. */
export async function countsByRecipient(
  db: Client,
  sourceEventId: string,
): Promise<Map<string, number>> {
  const result = await db.query(
    `SELECT "recipient_key", count(*)::int AS n FROM "notification"."delivery"
      WHERE "source_event_id" = $1 AND "channel" <> 'webhook' GROUP BY "recipient_key"`,
    [sourceEventId],
  );

  return new Map(result.rows.map((row) => [row.recipient_key as string, row.n as number]));
}
