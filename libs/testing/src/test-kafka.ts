import { randomBytes } from 'node:crypto';

export interface TestKafka {
  brokers: string;
  /** A topic prefix unique to this test file, so files never read each other's events. */
  topicPrefix: string;
  stop(): Promise<void>;
}

/**
 * Returns the broker to test against: KAFKA_BROKERS when set, otherwise a single-node KRaft
 * testcontainer (needs a Docker engine). Sets KAFKA_BROKERS and KAFKA_TOPIC_PREFIX for the code
 * under test.
 */
export async function useTestKafka(): Promise<TestKafka> {
  const topicPrefix = `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}.`;
  process.env.KAFKA_TOPIC_PREFIX = topicPrefix;
  if (process.env.KAFKA_BROKERS) {
    return { brokers: process.env.KAFKA_BROKERS, topicPrefix, stop: async () => undefined };
  }

  // NOTE: this container path is not exercised on machines without Docker.
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('apache/kafka:3.9.1')
    .withExposedPorts({ container: 9092, host: 19092 })
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: 'PLAINTEXT://:9092,CONTROLLER://:9093',
      KAFKA_ADVERTISED_LISTENERS: 'PLAINTEXT://localhost:19092',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
    })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .start();
  const brokers = `localhost:19092`;
  process.env.KAFKA_BROKERS = brokers;

  return { brokers, topicPrefix, stop: async () => void (await container.stop()) };
}
