import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { enterContext, rootLogger, serviceMetrics } from '@deskflow/observability';

const ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

function headerId(value: string | string[] | undefined): string | undefined {
  const id = Array.isArray(value) ? value[0] : value;

  return id && ID_PATTERN.test(id) ? id : undefined;
}

/** Adds request and correlation ids, an access log line and the latency histogram to Fastify. */
export function instrumentFastify(fastify: FastifyInstance): void {
  const logger = rootLogger().child({ context: 'http' });

  fastify.addHook('onRequest', async (request, reply) => {
    const requestId = headerId(request.headers['x-request-id']) ?? randomUUID();
    const correlationId = headerId(request.headers['x-correlation-id']) ?? requestId;
    enterContext({ requestId, correlationId });
    reply.header('x-request-id', requestId);
    reply.header('x-correlation-id', correlationId);
  });

  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    serviceMetrics().httpDuration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      seconds,
    );
    if (route !== '/health/live' && route !== '/health/ready' && route !== '/metrics') {
      logger.info(
        {
          method: request.method,
          route,
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime),
        },
        'request completed',
      );
    }
  });
}
