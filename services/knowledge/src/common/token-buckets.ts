/** Buckets kept at most; the least recently used one is dropped beyond it. */
const MAX_BUCKETS = 10_000;

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Token buckets by key: each holds up to `perMinute` tokens and refills at `perMinute` tokens a
 * minute. A dropped bucket starts full again, so the memory bound can only loosen the limit.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly perMinute: number,
    private readonly maxBuckets = MAX_BUCKETS,
  ) {}

  /** Takes one token; returns 0 when it was available, otherwise the milliseconds until it is. */
  take(key: string, nowMs: number): number {
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, updatedAt: nowMs };
    const refilled = ((nowMs - bucket.updatedAt) * this.perMinute) / 60_000;
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + Math.max(0, refilled));
    bucket.updatedAt = nowMs;
    this.touch(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;

      return 0;
    }

    return Math.ceil(((1 - bucket.tokens) * 60_000) / this.perMinute);
  }

  get size(): number {
    return this.buckets.size;
  }

  /** Moves the key to the end of the map's insertion order, which serves as recency. */
  private touch(key: string, bucket: Bucket): void {
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxBuckets) {
      this.buckets.delete(this.buckets.keys().next().value as string);
    }
  }
}
