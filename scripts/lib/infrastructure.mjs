// Helpers shared by the start and test scripts: find or start PostgreSQL and Kafka.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '..', '..');

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
  }
}

function succeeds(command, args, env = process.env) {
  return spawnSync(command, args, { cwd: repoRoot, stdio: 'ignore', env }).status === 0;
}

/** Starts the local PostgreSQL cluster when nothing answers on PGHOST:PGPORT. */
export function ensurePostgres() {
  if (succeeds('pg_isready', ['-q', '-h', process.env.PGHOST ?? '127.0.0.1'])) return true;

  return succeeds('scripts/ensure-postgres.sh', []);
}

/**
 * Returns the broker list to use: KAFKA_BROKERS when set, else a broker already answering on
 * 127.0.0.1:9092, else a broker started here (with `stop` to call at the end).
 */
export function ensureKafka({ temporaryData = false } = {}) {
  const configured = process.env.KAFKA_BROKERS;
  if (configured) {
    const [first] = configured.split(',');
    if (!succeeds('node', ['deploy/kafka/probe.mjs', first.trim()])) {
      throw new Error(
        `KAFKA_BROKERS is set to ${configured}, but no broker responds at ${first.trim()}. ` +
          'Start that broker, or unset KAFKA_BROKERS to use or start one on KAFKA_PORT (default 9092).',
      );
    }
    console.log(`Using the Kafka broker in KAFKA_BROKERS (${configured}); none is started.`);

    return { brokers: configured, stop: () => undefined };
  }

  const address = `${process.env.KAFKA_HOST ?? '127.0.0.1'}:${process.env.KAFKA_PORT ?? '9092'}`;
  if (succeeds('node', ['deploy/kafka/probe.mjs', address])) {
    return { brokers: address, stop: () => undefined };
  }

  const env = { ...process.env };
  let dataDir;
  if (temporaryData && !env.DESKFLOW_KAFKA_DIR) {
    dataDir = mkdtempSync(join(tmpdir(), 'deskflow-kafka-'));
    env.DESKFLOW_KAFKA_DIR = dataDir;
  }
  run('deploy/kafka/fetch.sh', [], { env });
  run('deploy/kafka/start.sh', [], { env });

  return {
    brokers: address,
    stop: () => {
      spawnSync('deploy/kafka/stop.sh', [], { cwd: repoRoot, stdio: 'inherit', env });
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
