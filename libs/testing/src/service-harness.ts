import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp, ServiceAppOptions } from '@deskflow/http';
import { Actor, mintToken } from '@deskflow/auth';
import { createTestDatabase, TestDatabase } from './test-database';
import { TestKafka, useTestKafka } from './test-kafka';

export interface ServiceHarness {
  app: NestFastifyApplication;
  /** Base URL of the running service, e.g. `http://127.0.0.1:40123`. */
  url: string;
  db: TestDatabase;
  kafka: TestKafka;
  /** Sends a JSON request; returns status, headers and the parsed body. */
  request<T = any>(
    method: string,
    path: string,
    options?: RequestOptions,
  ): Promise<TestResponse<T>>;
  tokenFor(actor: Actor): Promise<string>;
  close(): Promise<void>;
}

export interface RequestOptions {
  body?: unknown;
  rawBody?: string | Buffer;
  token?: string;
  headers?: Record<string, string>;
}

/** Resources of a running harness that another instance can join. */
export type SharedResources = Pick<ServiceHarness, 'db' | 'kafka'>;

export interface HarnessOptions {
  /**
   * Runs the new instance on this harness's database and topic prefix instead of fresh ones, as
   * another replica of the same deployment. Closing the new instance leaves them in place; the
   * harness that created them drops them.
   */
  shareWith?: SharedResources;
}

export interface TestResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * Boots a service for an integration test on a fresh database and topic prefix (or on those of
 * `harnessOptions.shareWith`), with its real migrations, relay and consumers, listening on a free
 * port on 127.0.0.1.
 */
export async function startServiceHarness(
  options: ServiceAppOptions,
  env: Record<string, string> = {},
  harnessOptions: HarnessOptions = {},
): Promise<ServiceHarness> {
  const { db, kafka } = harnessOptions.shareWith
    ? joinResources(harnessOptions.shareWith)
    : { db: await createTestDatabase(), kafka: await useTestKafka() };
  process.env.DATABASE_URL = db.url;
  Object.assign(process.env, env);
  const app = await createServiceApp(options);
  try {
    await app.startAllMicroservices();
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    // Left running, the consumers and workers would keep the test process from exiting.
    await app.close().catch(() => undefined);
    await db.drop().catch(() => undefined);
    await kafka.stop().catch(() => undefined);
    throw error;
  }
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');

  const request = async <T>(method: string, path: string, request: RequestOptions = {}) => {
    const headers: Record<string, string> = { ...request.headers };
    if (request.token) headers.authorization = `Bearer ${request.token}`;
    let body: string | Buffer | undefined;
    if (request.rawBody !== undefined) {
      body = request.rawBody;
    } else if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${url}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Non-JSON bodies (CSV, HTML, metrics) stay text.
    }

    return { status: response.status, headers: response.headers, body: parsed as T };
  };

  return {
    app,
    url,
    db,
    kafka,
    request,
    tokenFor: (actor) => mintToken(actor),
    close: async () => {
      await app.close();
      await db.drop();
      await kafka.stop();
    },
  };
}

/** Points the process at shared resources and returns handles whose cleanup does nothing. */
function joinResources(shared: SharedResources): SharedResources {
  process.env.KAFKA_BROKERS = shared.kafka.brokers;
  process.env.KAFKA_TOPIC_PREFIX = shared.kafka.topicPrefix;

  return {
    db: { url: shared.db.url, drop: async () => undefined },
    kafka: { ...shared.kafka, stop: async () => undefined },
  };
}
