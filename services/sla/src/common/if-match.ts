import { AppError, PreconditionFailedError, ValidationFailedError } from '@deskflow/http';

/** Formats a row version as an entity tag. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

export class PreconditionRequiredError extends AppError {
  constructor() {
    super(
      'precondition_required',
      'missing If-Match header: send the ETag from your last GET of this resource',
      428,
      [{ field: 'If-Match', reason: 'required on every change of a calendar or policy' }],
    );
  }
}

/**
 * Checks an `If-Match` header against the current version. A missing header raises 428, a
 * malformed one 400 and a stale one 412; `*` matches any version.
 */
export function checkIfMatch(ifMatch: string | undefined, version: number): void {
  if (ifMatch === undefined || ifMatch.trim() === '') throw new PreconditionRequiredError();
  if (ifMatch.trim() === '*') return;

  const match = /^(W\/)?"(\d+)"$/.exec(ifMatch.trim());
  if (!match) {
    throw new ValidationFailedError([
      { field: 'If-Match', reason: 'must be an entity tag such as "3"' },
    ]);
  }
  if (Number(match[2]) !== version) {
    throw new PreconditionFailedError(
      `version ${match[2]} is stale, the current version is ${version}; reload and retry`,
    );
  }
}
