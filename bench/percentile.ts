/** Returns the nearest-rank percentile of ascending values: `share` 0.99 gives the p99. */
export function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))];
}
