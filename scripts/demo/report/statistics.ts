/** Count, median and 90th percentile of durations in seconds (nearest-rank percentiles). */
export interface DurationSummary {
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export function percentile(sorted: number[], share: number): number | null {
  if (sorted.length === 0) return null;

  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))];
}

export function summariseDurations(seconds: number[]): DurationSummary {
  const sorted = [...seconds].sort((a, b) => a - b);

  return {
    count: sorted.length,
    medianSeconds: percentile(sorted, 0.5),
    p90Seconds: percentile(sorted, 0.9),
  };
}

export function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const name = key(item);
    counts[name] = (counts[name] ?? 0) + 1;
  }

  return counts;
}

/** Counts how often each key occurs. Counts above one are repeats. */
export function occurrences(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);

  return counts;
}
