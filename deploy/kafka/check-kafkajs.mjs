// Checks that kafkajs works against the broker in $KAFKA_BROKERS (comma-separated,
// default 127.0.0.1:9092): topic creation, an idempotent producer with acks=-1, a
// consumer group that commits offsets, and transactions (one committed, one aborted).
// Exits 1 with the failed step on stderr. Every run uses its own topic and group
// names and deletes its topic at the end.
import { randomUUID } from 'node:crypto';
import kafkajs from 'kafkajs';

const { Kafka, Partitioners, logLevel } = kafkajs;

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092')
  .split(',')
  .map((broker) => broker.trim());
const runId = randomUUID().slice(0, 8);
const topic = `deskflow-check-${runId}`;
const partitionCount = 3;
const messageCount = 30;
const overallTimeoutMs = 60_000;

const kafka = new Kafka({
  clientId: `deskflow-check-${runId}`,
  brokers,
  logLevel: logLevel.WARN,
});

function assert(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

const startedAt = Date.now();

function log(message) {
  console.log(`[check-kafkajs] +${Date.now() - startedAt} ms ${message}`);
}

// Consumes from the start of the topic with a new consumer group until `expectedCount`
// messages arrived, then commits the offsets after the last message of each partition.
// Returns the received values and the committed offsets per partition.
async function consumeAndCommit(groupId, expectedCount, { timeoutMs = 20_000 } = {}) {
  // A short maxWaitTimeInMs matters because disconnect() waits for the fetch in
  // flight, and with the 5 s default every consumer would take 5 s to stop.
  const consumer = kafka.consumer({ groupId, readUncommitted: false, maxWaitTimeInMs: 250 });
  const received = [];
  const nextOffsets = new Map();
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let resolveDone;
    const done = new Promise((resolve) => {
      resolveDone = resolve;
    });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        received.push(message.value.toString());
        nextOffsets.set(partition, (BigInt(message.offset) + 1n).toString());
        if (received.length >= expectedCount) {
          resolveDone();
        }
      },
    });
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `group ${groupId} received ${received.length} of ${expectedCount} messages within ${timeoutMs} ms`,
            ),
          ),
        timeoutMs,
      );
    });
    try {
      await Promise.race([done, timeout]);
    } finally {
      clearTimeout(timer);
    }
    const offsets = [...nextOffsets].map(([partition, offset]) => ({ topic, partition, offset }));
    await consumer.commitOffsets(offsets);
    return { received, committed: nextOffsets };
  } finally {
    await consumer.disconnect();
  }
}

async function checkCommittedOffsets(admin, groupId, expected) {
  const [topicOffsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
  for (const { partition, offset } of topicOffsets.partitions) {
    const want = expected.get(partition) ?? '-1';
    assert(
      offset === want,
      `group ${groupId}, partition ${partition}: committed offset ${offset}, expected ${want}`,
    );
  }
}

async function run() {
  const admin = kafka.admin();
  await admin.connect();
  try {
    log(`brokers ${brokers.join(',')}, topic ${topic}`);

    const created = await admin.createTopics({
      topics: [{ topic, numPartitions: partitionCount, replicationFactor: 1 }],
      waitForLeaders: true,
    });
    assert(created, `topic ${topic} already existed`);
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    assert(
      metadata.topics[0].partitions.length === partitionCount,
      `topic ${topic} has ${metadata.topics[0].partitions.length} partitions, expected ${partitionCount}`,
    );
    log('topic created');

    // The services use kafkajs' default (murmur2, Java-compatible) partitioner. Naming
    // it also silences the kafkajs 2.x warning about the changed default.
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    try {
      const messages = Array.from({ length: messageCount }, (_, i) => ({
        key: `ticket-${i % 7}`,
        value: `plain-${i}`,
      }));
      const results = await producer.send({ topic, acks: -1, messages });
      assert(
        results.every((result) => result.errorCode === 0),
        `idempotent send failed: ${JSON.stringify(results)}`,
      );
    } finally {
      await producer.disconnect();
    }
    log(`idempotent producer sent ${messageCount} messages with acks=-1`);

    const firstGroup = `deskflow-check-${runId}-plain`;
    const first = await consumeAndCommit(firstGroup, messageCount);
    assert(
      first.received.length === messageCount,
      `group ${firstGroup} received ${first.received.length} messages, expected ${messageCount}`,
    );
    assert(
      new Set(first.received).size === messageCount,
      `group ${firstGroup} received duplicates`,
    );
    await checkCommittedOffsets(admin, firstGroup, first.committed);
    log(`consumer group ${firstGroup} received ${messageCount} messages and committed offsets`);

    const transactionalProducer = kafka.producer({
      transactionalId: `deskflow-check-${runId}-tx`,
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await transactionalProducer.connect();
    try {
      const committedTransaction = await transactionalProducer.transaction();
      try {
        await committedTransaction.send({
          topic,
          acks: -1,
          messages: [{ key: 'ticket-tx', value: 'tx-committed' }],
        });
        await committedTransaction.commit();
      } catch (error) {
        await committedTransaction.abort();
        throw error;
      }

      // The broker writes the commit markers after EndTxn returns, so a transaction
      // started right away first gets CONCURRENT_TRANSACTIONS. kafkajs 2.2.4 logs that
      // as an ERROR and retries after about 300 ms, and the send then succeeds.
      const abortedTransaction = await transactionalProducer.transaction();
      await abortedTransaction.send({
        topic,
        acks: -1,
        messages: [{ key: 'ticket-tx', value: 'tx-aborted' }],
      });
      await abortedTransaction.abort();
    } finally {
      await transactionalProducer.disconnect();
    }
    log('transactional producer committed one transaction and aborted one');

    // A read_committed consumer must see the committed transactional message and
    // must never see the aborted one.
    const secondGroup = `deskflow-check-${runId}-tx`;
    const second = await consumeAndCommit(secondGroup, messageCount + 1);
    assert(
      second.received.includes('tx-committed'),
      `group ${secondGroup} did not receive the committed transactional message`,
    );
    assert(
      !second.received.includes('tx-aborted'),
      `group ${secondGroup} received the aborted transactional message`,
    );
    await checkCommittedOffsets(admin, secondGroup, second.committed);
    log(`consumer group ${secondGroup} saw the committed transaction and skipped the aborted one`);

    // Groups go first: deleting the topic also deletes the groups' offsets, and the
    // broker then removes the empty groups itself, so a later DeleteGroups would fail
    // with GROUP_ID_NOT_FOUND.
    await admin.deleteGroups([firstGroup, secondGroup]);
    await admin.deleteTopics({ topics: [topic] });
    log('topic and groups deleted');
  } finally {
    await admin.disconnect();
  }
}

const watchdog = setTimeout(() => {
  console.error(`[check-kafkajs] FAILED: timed out after ${overallTimeoutMs} ms`);
  process.exit(1);
}, overallTimeoutMs);
watchdog.unref();

try {
  await run();
  log(`OK in ${Date.now() - startedAt} ms`);
} catch (error) {
  console.error(`[check-kafkajs] FAILED: ${error.stack ?? error}`);
  process.exitCode = 1;
}
