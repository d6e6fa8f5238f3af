// `npm start`: brings up the whole stack on this machine. Starts PostgreSQL and Kafka when
// they are not running, builds the services, starts a local SMTP sink and the four services
// (each runs its migrations before it listens), waits until each is ready and prints the URLs.
// Ctrl-C stops everything this script started.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ensureKafka, ensurePostgres, repoRoot, run } from './lib/infrastructure.mjs';

const SERVICES = [
  { name: 'ticket', port: Number(process.env.TICKET_PORT ?? 3001) },
  { name: 'sla', port: Number(process.env.SLA_PORT ?? 3002) },
  { name: 'notification', port: Number(process.env.NOTIFICATION_PORT ?? 3003) },
  { name: 'knowledge', port: Number(process.env.KNOWLEDGE_PORT ?? 3004) },
];
const READY_TIMEOUT_MS = Number(process.env.STACK_READY_TIMEOUT_MS ?? 60000);

const children = [];
let kafka = { stop: () => undefined };
let stopping = false;

function stopAll(code) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping the stack...');
  for (const child of children) child.kill('SIGTERM');
  const deadline = setTimeout(() => {
    for (const child of children) child.kill('SIGKILL');
  }, 15000);
  Promise.all(
    children.map(
      (child) =>
        new Promise((done) => (child.exitCode !== null ? done() : child.once('exit', done))),
    ),
  ).then(() => {
    clearTimeout(deadline);
    kafka.stop();
    process.exit(code);
  });
}

function startProcess(name, args, env) {
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `[${name}] `;
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk) => {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        process.stdout.write(prefix + line + '\n');
    });
  }
  child.on('exit', (code) => {
    if (!stopping) {
      console.error(`${name} exited with code ${code}; stopping the stack`);
      stopAll(1);
    }
  });
  children.push(child);

  return child;
}

async function waitUntilReady(service) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  const url = `http://127.0.0.1:${service.port}/health/ready`;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${service.name} was not ready at ${url} within ${READY_TIMEOUT_MS} ms`);
}

async function main() {
  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));

  if (!ensurePostgres())
    throw new Error('PostgreSQL is not reachable on 127.0.0.1:5432 and could not be started');
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/deskflow';
  kafka = ensureKafka();
  run('npm', ['run', 'build', '--silent']);

  const require = createRequire(import.meta.url);
  await require(join(repoRoot, 'libs/persistence/dist/index.js')).ensureDatabase(databaseUrl);
  // Generating the development key pair once here keeps the services from racing to create it.
  require(join(repoRoot, 'libs/auth/dist/index.js')).loadOrCreateDevKeyPair();

  const smtpPort = process.env.SMTP_SINK_PORT ?? '1025';
  startProcess('smtp-sink', ['scripts/smtp-sink.mjs'], { SMTP_SINK_PORT: smtpPort });
  const shared = {
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: kafka.brokers,
    SMTP_URL: process.env.SMTP_URL ?? `smtp://127.0.0.1:${smtpPort}`,
    // The demo's webhook receiver listens on loopback, which webhooks reach only when allowed.
    WEBHOOK_ALLOWED_PRIVATE_TARGETS: process.env.WEBHOOK_ALLOWED_PRIVATE_TARGETS ?? '127.0.0.1',
  };
  for (const service of SERVICES) {
    startProcess(service.name, [`services/${service.name}/dist/main.js`], {
      ...shared,
      PORT: String(service.port),
      SERVICE_NAME: service.name,
    });
  }

  const started = Date.now();
  await Promise.all(SERVICES.map(waitUntilReady));
  console.log(`\nAll services ready after ${((Date.now() - started) / 1000).toFixed(1)} s:`);
  for (const service of SERVICES) {
    console.log(
      `  ${service.name.padEnd(13)} http://127.0.0.1:${service.port}/api/v1   docs: http://127.0.0.1:${service.port}/api/docs`,
    );
  }
  console.log(
    `  smtp sink     smtp://127.0.0.1:${smtpPort}   mail: http://127.0.0.1:${process.env.SMTP_SINK_HTTP_PORT ?? 8025}/messages`,
  );
  const shownDatabase = new URL(databaseUrl);
  shownDatabase.password = '';
  console.log(`  database      ${shownDatabase}   kafka: ${kafka.brokers}`);
  console.log('\nPress Ctrl-C to stop.');
}

main().catch((error) => {
  console.error(error.message);
  stopAll(1);
});
