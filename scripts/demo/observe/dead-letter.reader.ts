import { randomBytes } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { deadLetterTopic, prefixedTopic, Topics } from '@deskflow/contracts';

export interface DeadLetterTopic {
  topic: string;
  /**
   * False until a consumer of the topic starts, because consumers create the dead-letter
   * topics. No service consumes `notification.events`, so its dead-letter topic is missing.
   */
  exists: boolean;
  /** Records between the low and high watermark of every partition. */
  records: number;
  /** `dlq_error` header of each record read, up to a handful per topic. */
  errors: string[];
}

const ERRORS_SHOWN = 5;
const READ_TIMEOUT_MS = 15_000;

/** Lists the dead-letter topic of every service's topic under a prefix, and what it contains. */
export async function readDeadLetters(
  kafka: Kafka,
  topicPrefix: string,
): Promise<DeadLetterTopic[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const topics = Object.values(Topics).map((topic) =>
      deadLetterTopic(prefixedTopic(topic, topicPrefix)),
    );
    const result: DeadLetterTopic[] = [];
    for (const topic of topics) {
      if (!existing.has(topic)) {
        result.push({ topic, exists: false, records: 0, errors: [] });
        continue;
      }

      const offsets = await admin.fetchTopicOffsets(topic);
      const records = offsets.reduce(
        (sum, partition) => sum + Number(partition.high) - Number(partition.low),
        0,
      );
      result.push({
        topic,
        exists: true,
        records,
        errors: records > 0 ? await readErrors(kafka, topic, records) : [],
      });
    }

    return result;
  } finally {
    await admin.disconnect();
  }
}

/** Reads a dead-letter topic from the beginning until `expected` records or a timeout. */
async function readErrors(kafka: Kafka, topic: string, expected: number): Promise<string[]> {
  const consumer = kafka.consumer({
    groupId: `deskflow-demo-dlq-${randomBytes(6).toString('hex')}`,
  });
  const errors: string[] = [];
  let seen = 0;
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, READ_TIMEOUT_MS);
      void consumer.run({
        eachMessage: async ({ message }) => {
          seen += 1;
          const error = message.headers?.dlq_error?.toString();
          const type = message.headers?.ce_type?.toString() ?? 'unknown type';
          if (errors.length < ERRORS_SHOWN)
            errors.push(`${type}: ${error ?? 'no dlq_error header'}`);
          if (seen >= expected) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }

  return errors;
}
