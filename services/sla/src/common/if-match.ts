import { PreconditionFailedError, ValidationFailedError } from '@deskflow/http';

/** Formats a row version as an entity tag. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * Checks an `If-Match` header against the current version. A missing header skips the check;
 * a stale one raises 412.
 */
export function checkIfMatch(ifMatch: string | undefined, version: number): void {
  if (ifMatch === undefined || ifMatch === '*') return;

  const match = /^(W\/)?"(\d+)"$/.exec(ifMatch.trim());
  if (!match) {
    throw new ValidationFailedError([{ field: 'If-Match', reason: 'must be an entity tag such as "3"' }]);
  }
  if (Number(match[2]) !== version) {
    throw new PreconditionFailedError(`version ${match[2]} is stale, the current version is ${version}; reload and retry`);
  }
}
