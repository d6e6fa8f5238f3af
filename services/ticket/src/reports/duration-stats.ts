/** Summary of a set of durations in seconds, as the desk reports show it. */
export interface DurationSummary {
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
  /** Shares in [0, 1] of durations at most 30 min, at most 60 min, and over 24 h. */
  within30Minutes: number | null;
  within60Minutes: number | null;
  overOneDay: number | null;
}

const HALF_HOUR = 30 * 60;
const HOUR = 60 * 60;
const DAY = 24 * 60 * 60;

/** Median of sorted values; the mean of the two middle values for an even count. */
export function median(sorted: number[]): number | null {
  if (sorted.length === 0) return null;

  const middle = Math.floor(sorted.length / 2);

  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Percentile of sorted values by the nearest-rank method: the smallest value with at least
 * `percent` % of the values at or below it. It is always one of the observed durations.
 */
export function nearestRankPercentile(sorted: number[], percent: number): number | null {
  if (sorted.length === 0) return null;

  const rank = Math.max(1, Math.ceil((percent / 100) * sorted.length));

  return sorted[rank - 1];
}

function share(values: number[], predicate: (value: number) => boolean): number | null {
  if (values.length === 0) return null;

  return values.filter(predicate).length / values.length;
}

export function summariseDurations(seconds: number[]): DurationSummary {
  const sorted = [...seconds].sort((a, b) => a - b);

  return {
    count: sorted.length,
    medianSeconds: median(sorted),
    p90Seconds: nearestRankPercentile(sorted, 90),
    within30Minutes: share(sorted, (value) => value <= HALF_HOUR),
    within60Minutes: share(sorted, (value) => value <= HOUR),
    overOneDay: share(sorted, (value) => value > DAY),
  };
}

/** Average rating and how many ratings each score 1..5 got. */
export interface SatisfactionSummary {
  count: number;
  average: number | null;
  distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
}

export function summariseRatings(ratings: number[]): SatisfactionSummary {
  const distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  for (const rating of ratings) distribution[String(rating) as keyof typeof distribution] += 1;
  const total = ratings.reduce((sum, rating) => sum + rating, 0);

  return {
    count: ratings.length,
    average: ratings.length === 0 ? null : Math.round((total / ratings.length) * 100) / 100,
    distribution,
  };
}
