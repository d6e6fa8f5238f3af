import { PreconditionFailedError } from '@deskflow/http';

export function formatEtag(rowVersion: number): string {
  return `"${rowVersion}"`;
}

/**
 * Rejects a write whose If-Match does not name the current version. Weak validators (`W/`)
 * and `*` are accepted the way RFC 9110 defines them for If-Match.
 */
export function assertIfMatch(ifMatch: string | undefined, rowVersion: number): void {
  if (ifMatch === undefined || ifMatch.trim() === '*') return;

  const current = formatEtag(rowVersion);
  const listed = ifMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  if (!listed.includes(current)) {
    throw new PreconditionFailedError(
      `article changed since it was read: If-Match ${ifMatch} does not match the current ETag ${current}; fetch it again and retry`,
    );
  }
}
