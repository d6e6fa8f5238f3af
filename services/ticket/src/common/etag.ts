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
 *
 * Either way the header follows RFC 9110: `*` matches the existing ticket, a list matches when
 * one strong tag is current, and a malformed value is 400.
 */
import { IfMatchCondition, parseIfMatch, PreconditionRequiredError } from '@deskflow/http';

/** Reads a required If-Match header: 428 when missing, 400 when malformed. */
export function requireIfMatch(header: string | undefined): IfMatchCondition {
  const condition = parseIfMatch(header);
  if (condition === undefined) {
    throw new PreconditionRequiredError(
      'missing If-Match header: send the ETag from your last GET of the ticket',
      'required on every change of a ticket',
    );
  }

  return condition;
}

/** Reads an optional If-Match header; undefined when the caller sent none, 400 when malformed. */
export function optionalIfMatch(header: string | undefined): IfMatchCondition | undefined {
  return parseIfMatch(header);
}
