/**
 * Optimistic locking of tickets. Every read of a ticket sends its version as the ETag.
 *
 * `If-Match` is required (428 without it, 412 when stale) where a write sets ticket fields that
 * someone else may have changed since the caller read them: `PATCH /tickets/:id`,
 * `POST /tickets/:id/state` and `POST /tickets/:id/merge`.
 *
 * It is optional (checked when sent, 412 when stale) where a write adds to the ticket rather
 * than overwriting a field: `POST /tickets/:id/articles`, `POST` and `DELETE
 * /tickets/:id/links`, the per-ticket `ifMatch` of `POST /tickets/bulk`, and the portal's close
 * and rating. An article or a link does not conflict with a field edit, and requiring the
 * header there would only make mail-like clients reload before every reply.
 */
import { AppError, PreconditionFailedError } from '@deskflow/http';

/** Formats a ticket version as a strong entity tag. */
export function formatEtag(version: number): string {
  return `"v${version}"`;
}

export class PreconditionRequiredError extends AppError {
  constructor() {
    super(
      'precondition_required',
      'missing If-Match header: send the ETag from your last GET of the ticket',
      428,
      [{ field: 'If-Match', reason: 'required on every change of a ticket' }],
    );
  }
}

/**
 * Reads the expected version from an If-Match header. A missing header is 428; a value that is
 * not one of our tags can never match, so it is 412 like a stale one.
 */
export function parseIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') throw new PreconditionRequiredError();

  const match = /^(?:W\/)?"v(\d{1,9})"$/.exec(header.trim());
  if (!match) {
    throw new PreconditionFailedError(
      `If-Match ${header} does not match the ticket's current ETag`,
    );
  }

  return Number(match[1]);
}

/** Reads an optional If-Match header; undefined when the caller sent none. */
export function parseOptionalIfMatch(header: string | undefined): number | undefined {
  return header === undefined || header.trim() === '' ? undefined : parseIfMatch(header);
}
