/**
 * Delay before retry number `failedAttempts` (1 after the first failure): the base doubled per
 * failure, capped, then drawn uniformly from its upper half so that retries of many deliveries
 * that failed together spread out instead of hitting the receiver at once.
 */
export function retryDelayMs(failedAttempts: number, baseMs: number, maxMs: number, random = Math.random): number {
  const exponent = Math.max(0, failedAttempts - 1);
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(exponent, 30));

  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
