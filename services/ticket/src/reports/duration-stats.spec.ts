import {
  median,
  nearestRankPercentile,
  summariseDurations,
  summariseRatings,
} from './duration-stats';

describe('duration statistics', () => {
  it('takes the middle value or the mean of the two middle values', () => {
    expect(median([1, 2, 9])).toBe(2);
    expect(median([1, 2, 4, 9])).toBe(3);
    expect(median([])).toBeNull();
  });

  it('takes the nearest rank for p90', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    expect(nearestRankPercentile(ten, 90)).toBe(9);
    expect(nearestRankPercentile([5, 7], 90)).toBe(7);
    expect(nearestRankPercentile([5], 90)).toBe(5);
  });

  it('computes shares with inclusive half-hour and hour bounds', () => {
    const summary = summariseDurations([1800, 1801, 3600, 86400, 86401]);

    expect(summary.count).toBe(5);
    expect(summary.within30Minutes).toBeCloseTo(1 / 5);
    expect(summary.within60Minutes).toBeCloseTo(3 / 5);
    expect(summary.overOneDay).toBeCloseTo(1 / 5);
  });

  it('returns nulls for no durations', () => {
    expect(summariseDurations([])).toEqual({
      count: 0,
      medianSeconds: null,
      p90Seconds: null,
      within30Minutes: null,
      within60Minutes: null,
      overOneDay: null,
    });
  });

  it('summarises ratings', () => {
    expect(summariseRatings([5, 4, 4, 1])).toEqual({
      count: 4,
      average: 3.5,
      distribution: { '1': 1, '2': 0, '3': 0, '4': 2, '5': 1 },
    });
  });
});
