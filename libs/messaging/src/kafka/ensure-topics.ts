import { Kafka } from 'kafkajs';
import { deadLetterTopic } from '@deskflow/contracts';

/**
 * Creates the given topics and their dead-letter topics when missing. Subscribing to a topic
 * that does not exist yet fails on a fresh broker, and relying on auto-creation would leave the
 * partition count to the broker's default.
 */
export async function ensureTopics(kafka: Kafka, topics: string[]): Promise<void> {
  const partitions = Number(process.env.KAFKA_TOPIC_PARTITIONS ?? 3);
  const replication = Number(process.env.KAFKA_TOPIC_REPLICATION ?? 1);
  const names = [...new Set(topics.flatMap((topic) => [topic, deadLetterTopic(topic)]))];
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = names.filter((name) => !existing.has(name));
    if (missing.length === 0) return;

    await admin
      .createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: partitions,
          replicationFactor: replication,
        })),
      })
      .catch((error: { errors?: { type?: string }[] }) => {
        // Another service created the same topics in the meantime.
        const raced = error.errors?.every((cause) => cause.type === 'TOPIC_ALREADY_EXISTS');
        if (!raced) throw error;
      });
  } finally {
    await admin.disconnect();
  }
}
