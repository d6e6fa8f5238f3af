import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { Topics } from '@deskflow/contracts';
import { ServiceHarness, startServiceHarness, waitFor } from '@deskflow/testing';
import { PROBE_SCHEMA, ProbeModule } from './test-support/probe.module';

const repoRoot = resolve(__dirname, '..', '..', '..');
// A random port pair keeps this broker apart from any other, also from one a crashed run left.
const port = 20000 + 2 * Math.floor(Math.random() * 4000);
const brokerEnv = {
  ...process.env,
  KAFKA_PORT: String(port),
  KAFKA_CONTROLLER_PORT: String(port + 1),
  DESKFLOW_KAFKA_DIR: mkdtempSync(join(tmpdir(), 'deskflow-outage-kafka-')),
};

function broker(action: 'start' | 'stop'): void {
  const result = spawnSync(join(repoRoot, 'deploy/kafka', `${action}.sh`), [], {
    env: brokerEnv,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`kafka ${action} failed: ${result.stdout}\n${result.stderr}`);
  }
}

// The shared broker stays up for other test files; this file stops and restarts its own.
describe('outbox and readiness across a Kafka outage', () => {
  let service: ServiceHarness;
  const sharedBrokers = process.env.KAFKA_BROKERS;

  beforeAll(async () => {
    broker('start');
    process.env.KAFKA_BROKERS = `127.0.0.1:${port}`;
    service = await startServiceHarness({
      name: 'probe',
      module: ProbeModule,
      consumer: { groupId: 'probe', topics: [Topics.ticket], schema: PROBE_SCHEMA },
    });
  }, 120000);

  afterAll(async () => {
    await service?.close();
    broker('stop');
    rmSync(brokerEnv.DESKFLOW_KAFKA_DIR, { recursive: true, force: true });
    process.env.KAFKA_BROKERS = sharedBrokers;
  }, 60000);

  async function received(): Promise<string[]> {
    const rows: { title: string }[] = await service.app
      .get(DataSource)
      .query(`SELECT "title" FROM "${PROBE_SCHEMA}"."received" ORDER BY "title"`);

    return rows.map((row) => row.title);
  }

  async function readiness(): Promise<number> {
    return (await service.request('GET', '/health/ready')).status;
  }

  it('turns unready while the broker is down and publishes everything after it returns', async () => {
    await service.request('POST', '/api/v1/emit', { body: { title: 'before' } });
    await waitFor(async () => (await received()).includes('before') || undefined, {
      what: 'before',
    });
    expect(await readiness()).toBe(200);

    broker('stop');
    await waitFor(async () => (await readiness()) === 503 || undefined, {
      timeoutMs: 20000,
      what: 'readiness 503',
    });
    const during = ['during-1', 'during-2', 'during-3'];
    for (const title of during) {
      const response = await service.request('POST', '/api/v1/emit', { body: { title } });
      expect(response.status).toBe(201);
    }

    broker('start');
    await waitFor(async () => (await readiness()) === 200 || undefined, {
      timeoutMs: 30000,
      what: 'readiness 200',
    });
    await waitFor(async () => (await received()).length === 4 || undefined, {
      timeoutMs: 60000,
      what: 'events recorded during the outage',
    });

    expect(await received()).toEqual(['before', ...during]);
  }, 150000);
});
