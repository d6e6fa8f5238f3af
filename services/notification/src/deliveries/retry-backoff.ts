/**
 * Computes the delay before retry number `failedAttempts` (1 after the first failure). The base
 * doubles per failure up to the cap. The delay is drawn uniformly from the upper half of that
 * value, so that deliveries that failed together do not retry at the same instant.
 */
export function retryDelayMs(
  failedAttempts: number,
  baseMs: number,
  maxMs: number,
  random = Math.random,
): number {
  const exponent = Math.max(0, failedAttempts - 1);
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(exponent, 30));

  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
