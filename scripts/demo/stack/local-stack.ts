import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { loadOrCreateDevKeyPair } from '@deskflow/auth';
import { createTestDatabase, TestDatabase } from '@deskflow/testing';
import { ServiceUrls } from '../demo-settings';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const SERVICE_NAMES = ['ticket', 'sla', 'notification', 'knowledge'] as const;
export type StackServiceName = (typeof SERVICE_NAMES)[number];

const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 15_000;
const OUTPUT_LINES_KEPT = 40;

export interface LocalStackOptions {
  /** `source` runs the TypeScript sources with ts-node; `dist` runs `npm run build` output. */
  runtime: 'source' | 'dist';
  /** Shared by all four services, so that they read each other's events. */
  topicPrefix: string;
  /** Environment for every service, such as SMTP_URL or shorter worker intervals. */
  env?: Record<string, string>;
}

export interface StackService {
  name: StackServiceName;
  url: string;
  process: ChildProcess;
  database: TestDatabase;
  /** The last lines the service wrote, for the error when it fails to start. */
  output: string[];
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function commandFor(name: StackServiceName, runtime: LocalStackOptions['runtime']): string[] {
  if (runtime === 'dist') return [join(REPO_ROOT, 'services', name, 'dist', 'main.js')];

  return [
    '-r',
    'ts-node/register',
    '-r',
    'tsconfig-paths/register',
    join(REPO_ROOT, 'services', name, 'src', 'main.ts'),
  ];
}

/**
 * The four services as child processes on 127.0.0.1, each on a fresh database of the server in
 * DATABASE_URL, all on one Kafka topic prefix. For the end-to-end test and the benchmarks.
 */
export class LocalStack {
  private constructor(readonly services: StackService[]) {}

  static async start(options: LocalStackOptions): Promise<LocalStack> {
    loadOrCreateDevKeyPair();
    const services: StackService[] = [];
    const stack = new LocalStack(services);
    try {
      for (const name of SERVICE_NAMES) services.push(await LocalStack.spawnService(name, options));
      await Promise.all(services.map((service) => LocalStack.waitUntilReady(service)));
    } catch (error) {
      await stack.stop();
      throw error;
    }

    return stack;
  }

  urls(): ServiceUrls {
    const url = (name: StackServiceName) =>
      this.services.find((service) => service.name === name)!.url;

    return {
      ticket: url('ticket'),
      sla: url('sla'),
      notification: url('notification'),
      knowledge: url('knowledge'),
    };
  }

  async stop(): Promise<void> {
    await Promise.all(this.services.map((service) => LocalStack.stopService(service)));
    await Promise.all(this.services.map((service) => service.database.drop()));
  }

  private static async spawnService(
    name: StackServiceName,
    options: LocalStackOptions,
  ): Promise<StackService> {
    const database = await createTestDatabase();
    const port = await freePort();
    const child = spawn(process.execPath, commandFor(name, options.runtime), {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        TS_NODE_PROJECT: join(REPO_ROOT, 'tsconfig.base.json'),
        TS_NODE_TRANSPILE_ONLY: '1',
        LOG_LEVEL: process.env.STACK_LOG_LEVEL ?? 'warn',
        // Webhook receivers of demos and tests listen on loopback, which must be allowed.
        WEBHOOK_ALLOWED_PRIVATE_TARGETS: '127.0.0.1',
        ...options.env,
        SERVICE_NAME: name,
        DATABASE_URL: database.url,
        KAFKA_TOPIC_PREFIX: options.topicPrefix,
        PORT: String(port),
        HOST: '127.0.0.1',
      },
    });
    const output: string[] = [];
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on('data', (chunk: Buffer) => {
        output.push(...chunk.toString().split('\n').filter(Boolean));
        output.splice(0, Math.max(0, output.length - OUTPUT_LINES_KEPT));
      });
    }

    return { name, url: `http://127.0.0.1:${port}`, process: child, database, output };
  }

  private static async waitUntilReady(service: StackService): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (service.process.exitCode !== null) break;
      const ready = await fetch(`${service.url}/health/ready`).then(
        (response) => response.ok,
        () => false,
      );
      if (ready) return;
      await new Promise((resolveDelay) => setTimeout(resolveDelay, 250));
    }
    const state =
      service.process.exitCode === null
        ? `not ready after ${READY_TIMEOUT_MS} ms`
        : `exited with ${service.process.exitCode}`;
    throw new Error(`${service.name} service ${state}; last output:\n${service.output.join('\n')}`);
  }

  private static async stopService(service: StackService): Promise<void> {
    const child = service.process;
    if (child.exitCode !== null || child.signalCode !== null) return;

    const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }
}
