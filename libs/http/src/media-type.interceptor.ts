import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { UnsupportedMediaTypeError, ValidationFailedError } from './app-error';

/**
 * The metadata key under which `@ApiConsumes()` of @nestjs/swagger stores an endpoint's media
 * types. The constant is not exported from the package's entry point.
 */
const API_CONSUMES = 'swagger/apiConsumes';
const JSON_TYPE = 'application/json';
const MULTIPART_TYPE = 'multipart/form-data';
const MISSING_BOUNDARY_REASON =
  'is multipart/form-data without a boundary parameter in its Content-Type';

/** Returns the media type of a Content-Type header, lower case and without parameters. */
function mediaTypeOf(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}

/** Returns whether a request carries a body, whatever its method. */
function hasBody(request: FastifyRequest): boolean {
  const length = Number(request.headers['content-length'] ?? 0);

  return length > 0 || request.headers['transfer-encoding'] !== undefined;
}

/**
 * Rejects with 415 a request body whose media type its endpoint does not document with
 * `@ApiConsumes()`, or that is not `application/json` where the endpoint documents none.
 * Otherwise a form or multipart body sent to a JSON endpoint would be validated as strings or as
 * no body.
 */
@Injectable()
export class MediaTypeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();

    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!hasBody(request)) return next.handle();

    const consumes = this.reflector.getAllAndOverride<string[] | undefined>(API_CONSUMES, [
      context.getHandler(),
      context.getClass(),
    ]) ?? [JSON_TYPE];
    const contentType = request.headers['content-type'];
    const mediaType = contentType === undefined ? undefined : mediaTypeOf(contentType);
    if (mediaType === undefined || !consumes.includes(mediaType)) {
      throw new UnsupportedMediaTypeError(mediaType, consumes);
    }
    if (mediaType === MULTIPART_TYPE && !/;\s*boundary=/i.test(contentType!)) {
      throw new ValidationFailedError([{ field: 'body', reason: MISSING_BOUNDARY_REASON }]);
    }

    return next.handle();
  }
}
