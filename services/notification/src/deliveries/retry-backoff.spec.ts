import { retryDelayMs } from './retry-backoff';

describe('retryDelayMs', () => {
  it('doubles the ceiling after each failure', () => {
    const highest = () => 1;

    expect(retryDelayMs(1, 1000, 60_000, highest)).toBe(1000);
    expect(retryDelayMs(2, 1000, 60_000, highest)).toBe(2000);
    expect(retryDelayMs(3, 1000, 60_000, highest)).toBe(4000);
  });

  it('draws from the upper half of the ceiling', () => {
    expect(retryDelayMs(3, 1000, 60_000, () => 0)).toBe(2000);
  });

  it('caps the delay', () => {
    expect(retryDelayMs(40, 1000, 60_000, () => 1)).toBe(60_000);
  });

  it('spreads retries that failed together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(4, 1000, 60_000)));

    expect(delays.size).toBeGreaterThan(10);
  });
});
