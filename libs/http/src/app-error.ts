/** One problem with one input field. */
export interface FieldProblem {
  field: string;
  reason: string;
}

/** The JSON body of every error response of every service. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details: FieldProblem[];
}

/**
 * Base of the domain errors that services raise. Each module subclasses it with its own codes;
 * the exception filter maps it to a response in one place, so services never build HTTP errors.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus: number,
    readonly details: FieldProblem[] = [],
    /** Response headers that belong to this error, such as `Retry-After` on a 429. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationFailedError extends AppError {
  constructor(details: FieldProblem[], message?: string) {
    super(
      'validation_failed',
      message ?? details.map((detail) => `${detail.field}: ${detail.reason}`).join('; '),
      400,
      details,
    );
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super('not_found', `${what} not found`, 404);
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: string, details: FieldProblem[] = []) {
    super(code, message, 409, details);
  }
}

/** A 413 for a request body, or a part of one, over its size limit. */
export class PayloadTooLargeError extends AppError {
  constructor(details: FieldProblem[]) {
    super(
      'payload_too_large',
      details.map((detail) => `${detail.field}: ${detail.reason}`).join('; '),
      413,
      details,
    );
  }
}

/** A 412 whose `details` name the precondition header (usually `If-Match`) and why it failed. */
export class PreconditionFailedError extends AppError {
  constructor(message: string, details: FieldProblem[]) {
    super('precondition_failed', message, 412, details);
  }
}

/** A 415 for a JSON body whose Content-Type names a charset other than UTF-8. */
export class UnsupportedCharsetError extends AppError {
  constructor(charset: string) {
    const named = charset === '' ? 'an empty charset' : `charset ${charset}`;
    const reason = `${named} is not supported: JSON must be UTF-8 (RFC 8259), so send charset=utf-8 or no charset`;

    super('unsupported_media_type', `body: ${reason}`, 415, [{ field: 'body', reason }]);
  }
}

/** A 415 for a request body of a media type that the endpoint does not take. */
export class UnsupportedMediaTypeError extends AppError {
  /** `mediaType` is undefined for a body without a Content-Type. */
  constructor(mediaType: string | undefined, accepted: string[]) {
    const sent =
      mediaType === undefined ? 'a body without Content-Type' : `Content-Type ${mediaType}`;
    const reason = `${sent} is not supported here; send ${accepted.join(' or ')}`;

    super('unsupported_media_type', `body: ${reason}`, 415, [{ field: 'body', reason }]);
  }
}
