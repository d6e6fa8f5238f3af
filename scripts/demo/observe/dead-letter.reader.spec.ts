import { randomBytes } from 'node:crypto';
import { deadLetterTopic, prefixedTopic, Topics } from '@deskflow/contracts';
import { createKafka, ensureTopics } from '@deskflow/messaging';
import { deadLetterLines } from '../report/report-printer';
import { readDeadLetters } from './dead-letter.reader';

describe('readDeadLetters', () => {
  const kafka = createKafka('dead-letter-reader-test');
  const prefix = `dlq-reader-${randomBytes(4).toString('hex')}-`;
  const consumed = [Topics.ticket, Topics.sla, Topics.knowledge].map((topic) =>
    prefixedTopic(topic, prefix),
  );
  const ticketDeadLetters = deadLetterTopic(prefixedTopic(Topics.ticket, prefix));

  beforeAll(async () => {
    // As the services' consumers do: each consumed topic gets its dead-letter topic.
    await ensureTopics(kafka, consumed);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: ticketDeadLetters,
      messages: [
        {
          key: 'ticket-1',
          value: '{}',
          headers: { ce_type: 'ticket.created', dlq_error: 'payload invalid: ticket missing' },
        },
      ],
    });
    await producer.disconnect();
  });

  afterAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [...consumed, ...consumed.map(deadLetterTopic)] });
    await admin.disconnect();
  });

  it('lists every service topic, created or not', async () => {
    const topics = await readDeadLetters(kafka, prefix);

    expect(topics.map((topic) => topic.topic)).toEqual(
      Object.values(Topics).map((topic) => deadLetterTopic(prefixedTopic(topic, prefix))),
    );
    const notification = topics.find((topic) => topic.topic.includes(Topics.notification));
    expect(notification).toEqual({
      topic: `${prefix}notification.events.dlq`,
      exists: false,
      records: 0,
      errors: [],
    });
    const ticket = topics.find((topic) => topic.topic === ticketDeadLetters);
    expect(ticket?.records).toBe(1);
    expect(ticket?.errors).toEqual(['ticket.created: payload invalid: ticket missing']);
  });

  it('prints a missing topic with the reason', async () => {
    const lines = deadLetterLines(await readDeadLetters(kafka, prefix));

    expect(lines).toContain(
      `  ${prefix}notification.events.dlq: 0 records (not created: no service consumes its topic)`,
    );
    expect(lines).toContain(`  ${prefix}sla.events.dlq: 0 records`);
    expect(lines).toContain(`  ${ticketDeadLetters}: 1 records`);
  });
});
