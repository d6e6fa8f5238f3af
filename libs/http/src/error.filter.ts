import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Observable, throwError } from 'rxjs';
import { rootLogger } from '@deskflow/observability';
import { AppError, ErrorBody } from './app-error';

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

@Catch()
export class AppErrorFilter implements ExceptionFilter {
  private readonly logger = rootLogger().child({ context: 'AppErrorFilter' });

  catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    if (host.getType() === 'rpc') return throwError(() => exception);
    if (host.getType() !== 'http') throw exception;

    const body = toErrorBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception }, 'request failed');
    }
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof AppError) reply.headers(exception.headers);
    reply.status(body.statusCode).send(body);
  }
}
