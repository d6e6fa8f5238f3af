import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FieldProblem } from './app-error';
import { BodyLimits, findOversizedBody } from './body-limit';
import { fieldPath } from './field-path';

/** Deepest nesting of objects and arrays a JSON body may have. */
export const MAX_BODY_DEPTH = Number(process.env.HTTP_MAX_BODY_DEPTH ?? 32);

// A NUL character cannot be stored in a Postgres text column, and an unpaired UTF-16 surrogate
// cannot be stored in jsonb, so both would otherwise fail deep inside a write with a 500.
// eslint-disable-next-line no-control-regex -- NUL is one of the characters to find.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Finds the first problem of a parsed JSON body: nesting deeper than `maxDepth`, or a string
 * (value or key) with a NUL character or an unpaired surrogate. Walks iteratively, so a hostile
 * depth cannot exhaust the stack.
 */
export function findBodyProblem(
  body: unknown,
  maxDepth = MAX_BODY_DEPTH,
): FieldProblem | undefined {
  const pending: { value: unknown; path: string; depth: number }[] = [
    { value: body, path: '', depth: 0 },
  ];
  while (pending.length > 0) {
    const { value, path, depth } = pending.pop()!;
    const field = path || 'body';
    if (typeof value === 'string') {
      if (UNSTORABLE.test(value)) {
        return { field, reason: 'contains a NUL character or an unpaired UTF-16 surrogate' };
      }
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;

    if (depth >= maxDepth) {
      return { field, reason: `nests objects and arrays deeper than ${maxDepth} levels` };
    }
    for (const [key, child] of Object.entries(value)) {
      if (UNSTORABLE.test(key)) {
        return { field, reason: 'has a key with a NUL character or an unpaired UTF-16 surrogate' };
      }
      pending.push({ value: child, path: fieldPath(path, key), depth: depth + 1 });
    }
  }

  return undefined;
}

/** Returns the size of a parsed body as received: its Content-Length, or its JSON length. */
function receivedSize(request: FastifyRequest): number {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared)) return declared;

  return Buffer.byteLength(JSON.stringify(request.body));
}

async function reject(reply: FastifyReply, status: number, problem: FieldProblem): Promise<void> {
  await reply.code(status).send({
    statusCode: status,
    error: status === 413 ? 'payload_too_large' : 'validation_failed',
    message: `${problem.field}: ${problem.reason}`,
    details: [problem],
  });
}

/**
 * Rejects, before any handler runs and in the common error shape, JSON bodies over the body
 * limit once base64 file content is left out (413), and unstorable JSON bodies (400).
 */
export function guardJsonBodies(fastify: FastifyInstance, limits: BodyLimits): void {
  fastify.addHook('preValidation', async (request, reply) => {
    if (request.body === undefined || request.body === null || typeof request.body !== 'object') {
      return;
    }
    if (Buffer.isBuffer(request.body)) return;

    const oversized = findOversizedBody(request.body, receivedSize(request), limits);
    if (oversized) return reject(reply, 413, oversized);

    const problem = findBodyProblem(request.body);
    if (problem) return reject(reply, 400, problem);
  });
}
