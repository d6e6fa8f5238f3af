// Exits 0 when the Kafka broker at the given address responds to a metadata request,
// 1 otherwise. start.sh calls it in a loop until the broker is ready.
// Usage: node probe.mjs HOST:PORT
import kafkajs from 'kafkajs';

const { Kafka, logLevel } = kafkajs;

const broker = process.argv[2];
if (!broker) {
  console.error('usage: node probe.mjs HOST:PORT');
  process.exit(2);
}

const kafka = new Kafka({
  clientId: 'deskflow-kafka-probe',
  brokers: [broker],
  connectionTimeout: 1000,
  requestTimeout: 2000,
  retry: { retries: 0 },
  // Refused connections are expected while the broker starts, so they are not logged.
  logLevel: logLevel.NOTHING,
});

const admin = kafka.admin();
try {
  await admin.connect();
  await admin.listTopics();
  process.exitCode = 0;
} catch (error) {
  if (process.env.KAFKA_PROBE_VERBOSE) {
    console.error(`broker ${broker} not ready: ${error.message}`);
  }
  process.exitCode = 1;
} finally {
  await admin.disconnect().catch(() => {});
}
