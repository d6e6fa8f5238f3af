import { Admin, Kafka } from 'kafkajs';
import { deadLetterTopic } from '@deskflow/contracts';

/** How long a topic may take from creation until its leaders serve requests. */
const SERVED_TIMEOUT_MS = 60000;
const SERVED_RECHECK_MS = 250;

/**
 * Errors for a topic that the controller has created but the broker does not serve yet. The
 * broker's metadata or partitions lag behind, for tens of seconds after a restart with many
 * partitions.
 */
const NOT_SERVED_YET = new Set([
  'UNKNOWN_TOPIC_OR_PARTITION',
  'LEADER_NOT_AVAILABLE',
  'NOT_LEADER_FOR_PARTITION',
]);

function isNotServedYet(error: unknown): boolean {
  // kafkajs wraps the broker's error when its own retries run out.
  for (let cause = error as { type?: string; cause?: unknown } | undefined; cause; ) {
    if (cause.type && NOT_SERVED_YET.has(cause.type)) return true;
    cause = cause.cause as typeof cause;
  }

  return false;
}

/**
 * Creates the given topics and their dead-letter topics when missing, and returns once the
 * leader of every partition returns its offsets. Subscribing to a topic that does not exist yet fails on
 * a fresh broker, and relying on auto-creation would leave the partition count to the broker's
 * default.
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
    if (missing.length > 0) {
      // kafkajs's own wait for leaders gives up at the first UNKNOWN_TOPIC_OR_PARTITION.
      await admin
        .createTopics({
          waitForLeaders: false,
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
    }
    await waitUntilServed(admin, names);
  } finally {
    await admin.disconnect();
  }
}

/** Requests the offsets of every partition from its leader until all leaders return them. */
async function waitUntilServed(admin: Admin, topics: string[]): Promise<void> {
  const deadline = Date.now() + SERVED_TIMEOUT_MS;
  for (const topic of topics) {
    for (;;) {
      try {
        await admin.fetchTopicOffsets(topic);
        break;
      } catch (error) {
        if (!isNotServedYet(error) || Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, SERVED_RECHECK_MS));
      }
    }
  }
}
