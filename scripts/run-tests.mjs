// `npm test`: type-checks, lints and format-checks the repository, then runs every Jest project (unit and integration
// tests) against real PostgreSQL and Kafka. Uses DATABASE_URL and KAFKA_BROKERS when set;
// otherwise it uses or starts the local servers, and stops a broker it started itself.
// Extra arguments go to Jest, e.g. `npm test -- services/sla`.
import { spawnSync } from 'node:child_process';
import { ensureKafka, ensurePostgres, repoRoot, run } from './lib/infrastructure.mjs';

process.env.LOG_LEVEL ??= 'warn';
if (!process.env.DATABASE_URL && ensurePostgres()) {
  process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
}
const kafka = ensureKafka({ temporaryData: true });
process.env.KAFKA_BROKERS = kafka.brokers;

let status = 1;
try {
  // The generated OpenAPI metadata imports the libraries' build output, so build before checking.
  run('npx', ['tsc', '-b', 'tsconfig.build.json']);
  run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
  if (!process.env.SKIP_LINT) {
    run('npx', ['eslint', '.', '--max-warnings', '0']);
    run('npx', ['prettier', '--check', '--log-level', 'warn', '.']);
  }
  const jest = spawnSync('npx', ['jest', '--maxWorkers=2', ...process.argv.slice(2)], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  status = jest.status ?? 1;
} catch (error) {
  console.error(error.message);
} finally {
  kafka.stop();
}
process.exit(status);
