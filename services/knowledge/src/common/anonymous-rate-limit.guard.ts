import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '@deskflow/http';
import { TokenBuckets } from './token-buckets';

/** Requests per minute and client address; KNOWLEDGE_ANONYMOUS_REQUESTS_PER_MINUTE overrides it. */
const DEFAULT_REQUESTS_PER_MINUTE = 30;

export class RateLimitedError extends AppError {
  constructor(retryAfterSeconds: number) {
    super(
      'rate_limited',
      `too many requests without a token; retry in ${retryAfterSeconds} s or sign in`,
      429,
      [
        {
          field: 'client',
          reason: `limit of anonymous requests reached; retry in ${retryAfterSeconds} s`,
        },
      ],
    );
  }
}

/**
 * Limits anonymous requests with a token bucket per route and client address, so a script
 * cannot flood feedback or run suggestions at will. Callers with a token are not limited.
 * The buckets live in this replica's memory, so N replicas allow up to N times the rate.
 * The address is the one Fastify derives with `trustProxy`, which trusts X-Forwarded-For.
 */
@Injectable()
export class AnonymousRateLimitGuard implements CanActivate {
  private readonly buckets = new TokenBuckets(
    Number(process.env.KNOWLEDGE_ANONYMOUS_REQUESTS_PER_MINUTE ?? DEFAULT_REQUESTS_PER_MINUTE),
  );

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest & { actor?: unknown }>();
    if (request.actor) return true;

    const route = request.routeOptions.url ?? request.url;
    const waitMs = this.buckets.take(`${route} ${request.ip}`, Date.now());
    if (waitMs === 0) return true;

    const retryAfterSeconds = Math.ceil(waitMs / 1000);
    context
      .switchToHttp()
      .getResponse<FastifyReply>()
      .header('retry-after', String(retryAfterSeconds));
    throw new RateLimitedError(retryAfterSeconds);
  }
}
