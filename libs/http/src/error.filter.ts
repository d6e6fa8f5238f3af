import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, throwError } from 'rxjs';
import { rootLogger } from '@deskflow/observability';
import { AppError, ErrorBody } from './app-error';
import { BodyLimits, rawLimitReason } from './body-limit';

const STATUS_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  412: 'precondition_failed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable_entity',
  428: 'precondition_required',
  429: 'too_many_requests',
};

/** Renders every error in the one shape: status, error code, message and per-field details. */
export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof AppError) {
    return {
      statusCode: exception.httpStatus,
      error: exception.code,
      message: exception.message,
      details: exception.details,
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : [(response as { message?: unknown }).message].flat().join('; ') || exception.message;

    // Nest wraps Fastify's body errors (malformed JSON, too large, bad media type) in a plain
    // HttpException; they concern the request body as a whole.
    const bodyError = exception.constructor === HttpException && [400, 413, 415].includes(status);

    return {
      statusCode: status,
      error: STATUS_CODES[status] ?? 'error',
      message,
      details: bodyError ? [{ field: 'body', reason: message }] : [],
    };
  }

  // Fastify's own errors (malformed JSON, body too large, bad content type) carry a 4xx statusCode.
  const fastifyError = exception as { statusCode?: number; message?: string; code?: string };
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode < 500) {
    const status = fastifyError.statusCode;

    return {
      statusCode: status,
      error: STATUS_CODES[status] ?? 'bad_request',
      message: fastifyError.message ?? 'bad request',
      details: fastifyError.code?.startsWith('FST_ERR_CTP')
        ? [{ field: 'body', reason: fastifyError.message ?? 'unreadable body' }]
        : [],
    };
  }

  return {
    statusCode: 500,
    error: 'internal_error',
    message: 'internal server error',
    details: [],
  };
}

/**
 * Replaces Fastify's generic message for a JSON body over its limit with one naming the limit.
 * Other media types may have parsers with limits of their own, so they keep the generic one.
 */
function withLimitReason(
  body: ErrorBody,
  limits: BodyLimits | undefined,
  contentType: string | undefined,
): ErrorBody {
  if (!limits || body.statusCode !== 413 || body.details[0]?.field !== 'body') return body;
  if (!/^application\/([\w.-]+\+)?json\b/i.test(contentType ?? '')) return body;

  const reason = rawLimitReason(limits);

  return { ...body, message: `body: ${reason}`, details: [{ field: 'body', reason }] };
}

@Catch()
export class AppErrorFilter implements ExceptionFilter {
  private readonly logger = rootLogger().child({ context: 'AppErrorFilter' });

  /** `limits` lets a 413 from Fastify's body parser name the limit it enforced. */
  constructor(private readonly limits?: BodyLimits) {}

  catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    if (host.getType() === 'rpc') return throwError(() => exception);
    if (host.getType() !== 'http') throw exception;

    const converted = toErrorBody(exception);
    const contentType = host.switchToHttp().getRequest<FastifyRequest>().headers['content-type'];
    const body =
      exception instanceof AppError
        ? converted
        : withLimitReason(converted, this.limits, contentType);
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception }, 'request failed');
    }
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof AppError) reply.headers(exception.headers);
    reply.status(body.statusCode).send(body);
  }
}
