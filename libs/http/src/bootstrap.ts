import { INestApplication, RequestMethod, Type } from '@nestjs/common';
import { NestApplication, NestFactory, Reflector } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { KAFKA, KafkaEventServer } from '@deskflow/messaging';
import { PinoLoggerService, rootLogger } from '@deskflow/observability';
import { AppErrorFilter } from './error.filter';
import { guardJsonBodies } from './body-guard';
import { answerClientError } from './client-error';
import { Base64ContentAllowance, bodyLimits, httpBodyLimitBytes } from './body-limit';
import { instrumentFastify } from './instrumentation';
import { parseJsonBodies } from './json-parser';
import { MediaTypeInterceptor } from './media-type.interceptor';
import { createValidationPipe } from './validation';

export interface ConsumerOptions {
  groupId: string;
  topics: string[];
  schema: string;
}

export interface ServiceAppOptions {
  name: string;
  module: Type<unknown>;
  description?: string;
  /** Kafka topics this service consumes; handlers are `@EventPattern(type)` methods. */
  consumer?: ConsumerOptions;
  /** The body limit in bytes; HTTP_BODY_LIMIT_BYTES (default 1 MiB) when unset. */
  bodyLimitBytes?: number;
  /** Base64 file content that JSON bodies may carry beyond the body limit. */
  base64Content?: Base64ContentAllowance;
  /**
   * Request and response schemas for the OpenAPI document, generated from the service's DTOs
   * by `npm run openapi:metadata` into `src/openapi-metadata.ts`.
   */
  openApiMetadata?: () => Promise<Record<string, unknown>>;
}

/**
 * Creates a service's Fastify application: `/api/v1` prefix, global validation, the common
 * error shape, OpenAPI at `/api/docs`, request ids, metrics and the Kafka consumer. The app is
 * initialised (migrations applied) but not listening.
 */
export async function createServiceApp(
  options: ServiceAppOptions,
): Promise<NestFastifyApplication> {
  const limits = bodyLimits(options.bodyLimitBytes ?? httpBodyLimitBytes(), options.base64Content);
  const adapter = new FastifyAdapter({
    bodyLimit: limits.rawBytes,
    trustProxy: trustProxySetting(),
    clientErrorHandler: answerClientError,
  });
  instrumentFastify(adapter.getInstance());
  // Fastify parses text/plain into a string by default and rejects other unknown media types
  // before routing. Such bodies now reach their route as bytes, so that `MediaTypeInterceptor`
  // rejects them with a 415 that names the media types of that endpoint.
  adapter.getInstance().removeContentTypeParser('text/plain');
  adapter
    .getInstance()
    .addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  guardJsonBodies(adapter.getInstance(), limits);
  const app = await NestFactory.create<NestFastifyApplication>(options.module, adapter, {
    logger: new PinoLoggerService(),
    bufferLogs: true,
  });
  app.setGlobalPrefix('api/v1', {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
      { path: '.well-known/jwks.json', method: RequestMethod.GET },
    ],
  });
  // Nest adds its JSON and form parsers during init unless they exist, so add them now and then
  // replace the JSON one.
  (app as unknown as NestApplication).registerParserMiddleware();
  parseJsonBodies(adapter.getInstance());
  app.useGlobalInterceptors(new MediaTypeInterceptor(app.get(Reflector)));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AppErrorFilter(limits));
  app.enableShutdownHooks();

  if (options.openApiMetadata) await SwaggerModule.loadPluginMetadata(options.openApiMetadata);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`deskflow ${options.name} service`)
      .setDescription(options.description ?? '')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/json' });

  if (options.consumer) {
    attachConsumer(app, options.consumer);
  }
  await app.init();

  return app;
}

/**
 * Reads HTTP_TRUST_PROXY: `true`, a hop count, or a comma-separated list of proxy addresses.
 * It is off by default, so a client cannot choose its own address with X-Forwarded-For.
 */
function trustProxySetting(): boolean | number | string[] {
  const value = process.env.HTTP_TRUST_PROXY?.trim();
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);

  return value.split(',').map((entry) => entry.trim());
}

function attachConsumer(app: INestApplication, consumer: ConsumerOptions): void {
  // Inheriting the app's config gives consumers AppErrorFilter, which passes handler errors on
  // unchanged so that retries and dead-letter headers see the real cause.
  app.connectMicroservice(
    {
      strategy: new KafkaEventServer({
        kafka: app.get(KAFKA),
        dataSource: app.get(DataSource),
        schema: consumer.schema,
        groupId: consumer.groupId,
        topics: consumer.topics,
      }),
    },
    { inheritAppConfig: true },
  );
}

/** Starts consumers and the HTTP listener on PORT (or the default port). */
export async function listenServiceApp(
  app: NestFastifyApplication,
  defaultPort: number,
): Promise<string> {
  await app.startAllMicroservices();
  const port = Number(process.env.PORT ?? defaultPort);
  const host = process.env.HOST ?? '127.0.0.1';
  await app.listen(port, host);
  const url = await app.getUrl();
  rootLogger().info({ url }, 'service listening');

  return url;
}
