import { randomUUID } from 'node:crypto';
import { Controller, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { INestApplication } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import {
  deadLetterTopic,
  prefixedTopic,
  TicketCreatedPayload,
  TicketEvents,
  Topics,
  toKafkaRecord,
} from '@deskflow/contracts';
import { ObservabilityModule, serviceMetrics } from '@deskflow/observability';
import { PersistenceModule, SqlParams } from '@deskflow/persistence';
import {
  createTestDatabase,
  TestDatabase,
  TestKafka,
  ticketCreatedPayload,
  useTestKafka,
  waitFor,
} from '@deskflow/testing';
import { EventContext } from './consumer/event-context';
import { EventErrorFilter } from './consumer/event-error.filter';
import { KafkaEventServer } from './consumer/kafka-event.server';
import { createKafka } from './kafka/kafka-config';
import { messagingTablesMigration } from './outbox/messaging-tables.migration';
import { outboxParkingMigration } from './outbox/outbox-parking.migration';
import { Outbox } from './outbox/outbox';
import { OutboxRelay } from './outbox/outbox-relay';

const SCHEMA = 'messaging_test';

class EffectTable1764800000001 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "${SCHEMA}"."effect" ("seq" bigserial PRIMARY KEY, "event_id" uuid NOT NULL, "title" text NOT NULL)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "${SCHEMA}"."effect"`);
  }
}

@Controller()
class EffectHandler {
  @EventPattern(TicketEvents.created.type)
  async onCreated(@Payload() data: TicketCreatedPayload, @Ctx() ctx: EventContext): Promise<void> {
    await ctx.manager.query(
      `INSERT INTO "${SCHEMA}"."effect" ("event_id", "title") VALUES ($1, $2)`,
      [ctx.envelope.id, data.ticket.title],
    );
    if (data.ticket.title === 'poison') {
      throw new Error('handler rejects poison');
    }
  }
}

@Injectable()
class Noop {}

@Module({
  imports: [
    ObservabilityModule,
    PersistenceModule.forService({
      schema: SCHEMA,
      entities: [],
      migrations: [
        messagingTablesMigration(SCHEMA, 1764800000000),
        EffectTable1764800000001,
        outboxParkingMigration(SCHEMA, 1765000000000),
      ],
    }),
    TypeOrmModule,
  ],
  controllers: [EffectHandler],
  providers: [Noop],
})
class TestModule {}

const outbox = new Outbox({
  schema: SCHEMA,
  source: 'deskflow/messaging-test',
  topic: Topics.ticket,
});

describe('messaging against real Postgres and Kafka', () => {
  let db: TestDatabase;
  let testKafka: TestKafka;
  let kafka: Kafka;
  let app: INestApplication;
  let dataSource: DataSource;
  let producer: Producer;
  const consumers: Consumer[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    testKafka = await useTestKafka();
    process.env.DATABASE_URL = db.url;
    kafka = createKafka('messaging-test');
    app = await NestFactory.create(TestModule, new FastifyAdapter(), { logger: false });
    app.useGlobalFilters(new EventErrorFilter());
    app.connectMicroservice(
      {
        strategy: new KafkaEventServer({
          kafka,
          dataSource: app.get(DataSource),
          schema: SCHEMA,
          groupId: 'messaging-test',
          topics: [Topics.ticket],
          maxAttempts: 3,
          initialBackoffMs: 20,
        }),
      },
      { inheritAppConfig: true },
    );
    await app.init();
    await app.startAllMicroservices();
    dataSource = app.get(DataSource);
    producer = kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await Promise.all(consumers.map((consumer) => consumer.disconnect()));
    await producer?.disconnect();
    await app?.close();
    await db?.drop();
    await testKafka?.stop();
  });

  async function recordInOwnTransaction(title: string, subject = randomUUID()): Promise<string> {
    const envelope = await dataSource.transaction((manager) =>
      outbox.record(manager, TicketEvents.created, {
        subject,
        actor: 'system',
        data: ticketCreatedPayload(title, subject),
      }),
    );

    return envelope.id;
  }

  /**
   * Waits until no relay holds the outbox lock: a stopped relay's session may keep it a moment,
   * and a relay that finds it taken sleeps for its whole poll interval.
   */
  async function lockReleased(): Promise<void> {
    await waitFor(
      async () => {
        const rows: unknown[] = await dataSource.query(
          `SELECT 1 FROM pg_locks WHERE "locktype" = 'advisory' AND "database" =
             (SELECT "oid" FROM pg_database WHERE "datname" = current_database())`,
        );

        return rows.length === 0 || undefined;
      },
      { what: 'the outbox lock to be free' },
    );
  }

  async function effectTitles(): Promise<string[]> {
    const rows: { title: string }[] = await dataSource.query(
      `SELECT "title" FROM "${SCHEMA}"."effect" ORDER BY "seq"`,
    );

    return rows.map((row) => row.title);
  }

  async function parkedCount(reason: string): Promise<number> {
    const metric = await serviceMetrics().eventsParked.get();

    return metric.values
      .filter((value) => value.labels.reason === reason)
      .reduce((sum, value) => sum + value.value, 0);
  }

  /** Reads a topic from the beginning with a fresh consumer group, collecting every message. */
  async function collect(topic: string): Promise<KafkaMessage[]> {
    const messages: KafkaMessage[] = [];
    const consumer = kafka.consumer({ groupId: `collector-${randomUUID()}`, maxWaitTimeInMs: 200 });
    consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void messages.push(message) });

    return messages;
  }

  it('publishes events committed before a crash once a new relay starts', async () => {
    const titles = ['crash-1', 'crash-2', 'crash-3'];
    for (const title of titles) {
      await recordInOwnTransaction(title);
    }
    // No relay ran: this is the state a crash right after the commit leaves behind.
    const pending = await dataSource.query(
      `SELECT count(*)::int AS n FROM "${SCHEMA}"."outbox_event" WHERE "published_at" IS NULL`,
    );
    expect(pending[0].n).toBe(3);

    const relay = new OutboxRelay(kafka, {
      schema: SCHEMA,
      databaseUrl: db.url,
      pollIntervalMs: 100,
    });
    relay.start();
    await waitFor(async () => (await effectTitles()).length >= 3 || undefined, {
      what: 'three effects',
    });
    await relay.stop();

    // Three subjects land on different partitions, so only the set is fixed here.
    expect([...(await effectTitles())].sort()).toEqual(titles);
  });

  it('publishes on the wake-up of each commit and marks every batch published', async () => {
    const relay = new OutboxRelay(kafka, {
      schema: SCHEMA,
      databaseUrl: db.url,
      batchSize: 2,
      // Far beyond the test's timeout: only the notifications of the commits can wake the relay.
      pollIntervalMs: 600_000,
    });
    await lockReleased();
    relay.start();
    try {
      await waitFor(async () => (await relay.backlog()) === 0 || undefined, {
        what: 'an idle relay',
      });
      const titles = ['woken-1', 'woken-2', 'woken-3', 'woken-4', 'woken-5'];
      for (const title of titles) await recordInOwnTransaction(title);

      await waitFor(async () => (await relay.backlog()) === 0 || undefined, {
        what: 'every event marked published',
      });
      await waitFor(
        async () => {
          const effects = await effectTitles();

          return titles.every((title) => effects.includes(title)) || undefined;
        },
        { what: 'five effects' },
      );
    } finally {
      await relay.stop();
    }
  });

  it('wakes its own publishing relay after a single-statement write, or notifies it', async () => {
    const relay = new OutboxRelay(kafka, {
      schema: SCHEMA,
      databaseUrl: db.url,
      pollIntervalMs: 600_000,
    });
    const local = new Outbox(outbox.config);
    local.useLocalRelay(relay);
    await lockReleased();
    relay.start();
    /** Writes one event with one statement outside a transaction, as a busy producer may. */
    const writeAlone = async (writer: Outbox, title: string) => {
      const subject = randomUUID();
      const event = await writer.prepare(TicketEvents.created, {
        subject,
        actor: 'system',
        data: ticketCreatedPayload(title, subject),
      });
      const params = new SqlParams();
      const insert = writer.insertSql([event], params);
      const wakeUp = writer.wakeUp(params);
      await dataSource.query(`WITH "written" AS (${insert}) SELECT ${wakeUp.sql}`, params.values);
      wakeUp.afterCommit();

      return wakeUp.sql;
    };
    const published = (title: string) =>
      waitFor(async () => (await effectTitles()).includes(title) || undefined, { what: title });
    try {
      await waitFor(() => relay.leads() || undefined, { what: 'the relay to lead' });

      expect(await writeAlone(local, 'woken-directly')).toBe('NULL');
      await published('woken-directly');
      expect(await writeAlone(outbox, 'woken-by-notification')).toMatch(/^pg_notify/);
      await published('woken-by-notification');
    } finally {
      await relay.stop();
    }
  });

  it('records more events in one call than one statement can take', async () => {
    const subjects = Array.from({ length: 7000 }, () => randomUUID());
    const envelopes = await dataSource.transaction((manager) =>
      outbox.recordMany(
        manager,
        TicketEvents.created,
        subjects.map((subject) => ({
          subject,
          actor: 'system',
          data: ticketCreatedPayload('many', subject),
        })),
      ),
    );
    const ids = envelopes.map((envelope) => envelope.id);
    const rows: { subject: string }[] = await dataSource.query(
      `SELECT "message_key" AS "subject" FROM "${SCHEMA}"."outbox_event" WHERE "id" = ANY($1::uuid[])`,
      [ids],
    );
    // Marked published here, so that the relays of later tests leave them alone.
    await dataSource.query(
      `UPDATE "${SCHEMA}"."outbox_event" SET "published_at" = now() WHERE "id" = ANY($1::uuid[])`,
      [ids],
    );

    expect(rows.map((row) => row.subject).sort()).toEqual([...subjects].sort());
  });

  it('applies an event once when the relay publishes it again', async () => {
    const id = await recordInOwnTransaction('republished');
    const relay = new OutboxRelay(kafka, { schema: SCHEMA, databaseUrl: db.url });
    await relay.drain();
    // A crash after publishing and before marking leaves the row unpublished: publish again.
    await dataSource.query(
      `UPDATE "${SCHEMA}"."outbox_event" SET "published_at" = NULL WHERE "id" = $1`,
      [id],
    );
    expect(await relay.drain()).toBe(1);
    await relay.stop();

    await waitFor(async () => (await effectTitles()).includes('republished') || undefined, {
      what: 'the republished effect',
    });
    const marker = await recordInOwnTransaction('after-republish');
    const relayAgain = new OutboxRelay(kafka, { schema: SCHEMA, databaseUrl: db.url });
    await relayAgain.drain();
    await relayAgain.stop();
    await waitFor(async () => (await effectTitles()).includes('after-republish') || undefined, {
      what: 'the marker effect',
    });

    expect((await effectTitles()).filter((title) => title === 'republished')).toHaveLength(1);
    expect(marker).toBeDefined();
  });

  it('applies a redelivered Kafka message once', async () => {
    const subject = randomUUID();
    const record = toKafkaRecord({
      id: randomUUID(),
      source: 'deskflow/messaging-test',
      type: TicketEvents.created.type,
      time: new Date().toISOString(),
      subject,
      dataschema: 'urn:deskflow:ticket.created:1',
      actor: 'system',
      correlationid: randomUUID(),
      data: ticketCreatedPayload('redelivered', subject),
    });
    const topic = prefixedTopic(Topics.ticket);
    await producer.send({ topic, messages: [record, record] });
    await producer.send({ topic, messages: [record] });
    const marker = await recordInOwnTransaction('after-redelivery', subject);
    const relay = new OutboxRelay(kafka, { schema: SCHEMA, databaseUrl: db.url });
    await relay.drain();
    await relay.stop();

    await waitFor(async () => (await effectTitles()).includes('after-redelivery') || undefined, {
      what: 'the marker effect',
    });
    expect((await effectTitles()).filter((title) => title === 'redelivered')).toHaveLength(1);
    expect(marker).toBeDefined();
  });

  it('sends a poison message to the DLQ and processes the next one', async () => {
    const dlq = await collect(deadLetterTopic(prefixedTopic(Topics.ticket)));
    const subject = randomUUID();
    await recordInOwnTransaction('poison', subject);
    await recordInOwnTransaction('after-poison', subject);
    const topic = prefixedTopic(Topics.ticket);
    await producer.send({
      topic,
      messages: [
        {
          key: subject,
          value: '{"not": "a ticket"}',
          headers: {
            ce_specversion: '1.0',
            ce_id: randomUUID(),
            ce_source: 'x',
            ce_type: TicketEvents.created.type,
          },
        },
        {
          key: subject,
          value: 'not json',
          headers: {
            ce_specversion: '1.0',
            ce_id: randomUUID(),
            ce_source: 'x',
            ce_type: TicketEvents.created.type,
          },
        },
      ],
    });
    const relay = new OutboxRelay(kafka, { schema: SCHEMA, databaseUrl: db.url });
    await relay.drain();
    await relay.stop();

    await waitFor(async () => (await effectTitles()).includes('after-poison') || undefined, {
      what: 'the effect after the poison message',
    });
    await waitFor(() => dlq.length >= 3 || undefined, { what: 'three dead letters' });
    const errors = dlq.map((message) => message.headers?.dlq_error?.toString() ?? '');
    expect(errors).toEqual(
      expect.arrayContaining([
        'handler rejects poison',
        expect.stringContaining('invalid payload for ticket.created'),
        expect.stringContaining('value is not JSON'),
      ]),
    );
    const poison = dlq.find(
      (message) => message.headers?.dlq_error?.toString() === 'handler rejects poison',
    );
    expect(poison?.headers?.dlq_attempts?.toString()).toBe('3');
    expect(poison?.headers?.dlq_original_topic?.toString()).toBe(topic);
    // The handler's insert rolled back with each failed attempt.
    expect(await effectTitles()).not.toContain('poison');
  });

  it('parks an oversized event, delivers the rest', async () => {
    const subject = randomUUID();
    // Events of other keys in the same batch go to the other partitions of the topic.
    const others = Array.from({ length: 6 }, (_, index) => `oversize-other-${index}`);
    for (const title of others.slice(0, 3)) await recordInOwnTransaction(title);
    await recordInOwnTransaction('oversize-before', subject);
    // 1.5 million characters: over the broker's default message.max.bytes of 1 MB.
    const largeId = await recordInOwnTransaction('x'.repeat(1_500_000), subject);
    await recordInOwnTransaction('oversize-after-1', subject);
    for (const title of others.slice(3)) await recordInOwnTransaction(title);
    await recordInOwnTransaction('oversize-after-2', subject);
    const parkedBefore = await parkedCount('MESSAGE_TOO_LARGE');
    const relay = new OutboxRelay(kafka, { schema: SCHEMA, databaseUrl: db.url });
    try {
      await relay.drain();

      const rows: {
        parked_at: Date | null;
        park_error: string | null;
        published_at: Date | null;
      }[] = await dataSource.query(
        `SELECT "parked_at", "park_error", "published_at" FROM "${SCHEMA}"."outbox_event" WHERE "id" = $1`,
        [largeId],
      );
      expect(rows[0].parked_at).not.toBeNull();
      expect(rows[0].published_at).toBeNull();
      expect(rows[0].park_error).toMatch(/^MESSAGE_TOO_LARGE: /);
      expect(await relay.parked()).toBe(1);
      expect(await relay.backlog()).toBe(0);
      expect(await parkedCount('MESSAGE_TOO_LARGE')).toBe(parkedBefore + 1);
      await waitFor(async () => (await effectTitles()).includes('oversize-after-2') || undefined, {
        what: 'the effects after the oversized event',
      });
      await waitFor(
        async () => {
          const effects = await effectTitles();

          return others.every((title) => effects.includes(title)) || undefined;
        },
        { what: 'the effects of the other keys' },
      );
      const applied = (await effectTitles()).filter(
        (title) => title.startsWith('oversize-') && !others.includes(title),
      );
      expect(applied).toEqual(['oversize-before', 'oversize-after-1', 'oversize-after-2']);

      // The same relay keeps publishing, on every partition, once its producer has failed.
      await recordInOwnTransaction('oversize-later', subject);
      for (const title of ['oversize-later-1', 'oversize-later-2'])
        await recordInOwnTransaction(title);
      expect(await relay.drain()).toBe(3);
      await waitFor(
        async () => {
          const effects = await effectTitles();
          const later = ['oversize-later', 'oversize-later-1', 'oversize-later-2'];

          return later.every((title) => effects.includes(title)) || undefined;
        },
        { what: 'the effects of later events' },
      );
    } finally {
      await relay.stop();
    }
  });

  it('delivers the events of one key in the order they were recorded', async () => {
    const subject = randomUUID();
    const titles = Array.from({ length: 60 }, (_, index) => `ordered-${index}`);
    for (const title of titles) {
      await recordInOwnTransaction(title, subject);
    }
    const relay = new OutboxRelay(kafka, { schema: SCHEMA, databaseUrl: db.url, batchSize: 7 });
    await relay.drain();
    await relay.stop();

    await waitFor(async () => (await effectTitles()).includes('ordered-59') || undefined, {
      what: 'the last ordered effect',
    });
    const applied = (await effectTitles()).filter((title) => title.startsWith('ordered-'));
    expect(applied).toEqual(titles);
  });
});
