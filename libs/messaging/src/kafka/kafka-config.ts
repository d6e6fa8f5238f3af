import { Kafka, LogEntry, logLevel } from 'kafkajs';

// The default partitioner of kafkajs 2 is the Java client's murmur2; the notice about it is noise.
process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';
import { rootLogger } from '@deskflow/observability';

export const DEFAULT_KAFKA_BROKERS = '127.0.0.1:9092';

export function kafkaBrokers(): string[] {
  return (process.env.KAFKA_BROKERS ?? DEFAULT_KAFKA_BROKERS)
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
}

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * Returns the pino level of a kafkajs log entry. A connection logs each error response of the
 * broker, such as "not the leader" while a partition moves. kafkajs retries the retriable ones,
 * and the caller gets the error when kafkajs gives up, so the response itself is a warning.
 */
export function logLevelOf(entry: Pick<LogEntry, 'namespace' | 'level' | 'log'>) {
  const level = LEVELS[entry.level] ?? 'info';
  const retried = entry.namespace === 'Connection' && entry.log.message?.startsWith('Response ');

  return level === 'error' && retried ? 'warn' : level;
}

/** Creates a kafkajs client that logs through pino. */
export function createKafka(clientId: string, brokers = kafkaBrokers()): Kafka {
  return new Kafka({
    clientId,
    brokers,
    connectionTimeout: 3000,
    requestTimeout: 10000,
    retry: { initialRetryTime: 200, retries: 5 },
    logLevel: logLevel.WARN,
    logCreator: () => (entry) => {
      // The inbox makes a repeated send harmless, so the idempotent producer's warning about
      // bounded retries is expected here.
      if (entry.log.message?.startsWith('Limiting retries for the idempotent producer')) return;
      const { message, ...rest } = entry.log;
      rootLogger()[logLevelOf(entry)]({ context: `kafkajs:${entry.namespace}`, ...rest }, message);
    },
  });
}
