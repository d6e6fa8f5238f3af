import { assertIfMatch, parseIfMatch, PreconditionRequiredError } from '@deskflow/http';

/** Formats a row version as an entity tag. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * Checks an `If-Match` header against the current version. A missing header raises 428, a
 * malformed one 400 and one that does not match 412; `*` matches any version.
 */
export function checkIfMatch(ifMatch: string | undefined, version: number, resource: string): void {
  const condition = parseIfMatch(ifMatch);
  if (condition === undefined) {
    throw new PreconditionRequiredError(
      'missing If-Match header: send the ETag from your last GET of this resource',
      'required on every change of a calendar or policy',
    );
  }

  assertIfMatch(condition, etagOf(version), resource);
}
