import { TokenBuckets } from './token-buckets';

describe('TokenBuckets', () => {
  it('allows a full bucket, then asks to wait', () => {
    const buckets = new TokenBuckets(3);

    const waits = [0, 0, 0, 0].map(() => buckets.take('a', 1_000));

    expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
    expect(waits[3]).toBe(20_000);
  });

  it('refills at the rate per minute', () => {
    const buckets = new TokenBuckets(60);
    for (let index = 0; index < 60; index += 1) buckets.take('a', 0);

    expect(buckets.take('a', 500)).toBe(500);
    expect(buckets.take('a', 1_000)).toBe(0);
  });

  it('keeps keys apart', () => {
    const buckets = new TokenBuckets(1);

    expect(buckets.take('a', 0)).toBe(0);
    expect(buckets.take('b', 0)).toBe(0);
    expect(buckets.take('a', 0)).toBeGreaterThan(0);
  });

  it('drops the least recently used bucket beyond the bound', () => {
    const buckets = new TokenBuckets(1, 2);
    buckets.take('a', 0);
    buckets.take('b', 0);
    buckets.take('a', 0);
    buckets.take('c', 0);

    expect(buckets.size).toBe(2);
    expect(buckets.take('b', 0)).toBe(0);
    expect(buckets.take('c', 0)).toBeGreaterThan(0);
  });
});
