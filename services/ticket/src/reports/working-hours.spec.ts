import { businessSecondsBetween, parseWorkingHours, WorkingHoursError } from './working-hours';

const berlin = (spec: string, holidays: string[] = []) =>
  parseWorkingHours(spec, 'Europe/Berlin', holidays);
const at = (iso: string) => new Date(iso);

describe('businessSecondsBetween', () => {
  const office = berlin('mon-fri 08:00-17:00');

  it('counts nothing outside hours and across the weekend', () => {
    // Fri 17:30 to Mon 09:00 Berlin (CET): only Monday 08:00-09:00 counts.
    expect(
      businessSecondsBetween(at('2026-11-13T16:30:00Z'), at('2026-11-16T08:00:00Z'), office),
    ).toBe(3600);
  });

  it('adds pieces of two days', () => {
    // Fri 16:30 to Mon 09:30: 30 min on Friday and 90 min on Monday.
    expect(
      businessSecondsBetween(at('2026-11-13T15:30:00Z'), at('2026-11-16T08:30:00Z'), office),
    ).toBe(7200);
  });

  it('counts an overnight shift begun the evening before', () => {
    const nights = berlin('mon-fri 22:00-06:00');

    // Fri 05:00 to Fri 07:00: the Thursday shift runs until 06:00.
    expect(
      businessSecondsBetween(at('2026-11-13T04:00:00Z'), at('2026-11-13T06:00:00Z'), nights),
    ).toBe(3600);
  });

  it('skips a lunch break and a holiday', () => {
    const split = berlin('mon-fri 09:00-13:00 14:00-18:00', ['2026-11-17']);

    // Mon 12:30 to Wed 09:30: 30 + 240 min on Monday, Tuesday is a holiday, 30 min on Wednesday.
    expect(
      businessSecondsBetween(at('2026-11-16T11:30:00Z'), at('2026-11-18T08:30:00Z'), split),
    ).toBe(300 * 60);
  });

  it('counts real time on a daylight-saving night', () => {
    const nights = berlin('sat 22:00-06:00');

    // Sat 2026-03-28 22:00 CET to Sun 06:00 CEST is 7 real hours.
    expect(
      businessSecondsBetween(at('2026-03-28T21:00:00Z'), at('2026-03-29T04:00:00Z'), nights),
    ).toBe(7 * 3600);
  });

  it('keeps wall-clock bounds on the day the clocks change', () => {
    const sunday = berlin('sun 08:00-17:00');

    // On 2026-03-29 Berlin works 08:00-17:00 CEST, 06:00Z-15:00Z.
    expect(
      businessSecondsBetween(at('2026-03-29T00:00:00Z'), at('2026-03-29T07:00:00Z'), sunday),
    ).toBe(3600);
  });

  it('treats 24/7 as calendar time', () => {
    expect(
      businessSecondsBetween(
        at('2026-11-14T10:00:00Z'),
        at('2026-11-15T10:00:00Z'),
        berlin('24/7'),
      ),
    ).toBe(86400);
  });

  it('returns zero for an end before the start', () => {
    expect(
      businessSecondsBetween(at('2026-11-16T10:00:00Z'), at('2026-11-16T09:00:00Z'), office),
    ).toBe(0);
  });
});

describe('parseWorkingHours', () => {
  it('wraps a day range over the week end', () => {
    expect(berlin('fri-mon 10:00-12:00').intervals.map((interval) => interval.weekday)).toEqual([
      5, 6, 7, 1,
    ]);
  });

  it.each([
    ['mon-fri', 'must look like'],
    ['mon-fri 8-17', 'time range'],
    ['mo 08:00-17:00', 'must look like'],
    ['xyz 08:00-17:00', 'unknown weekday'],
    ['', 'at least one'],
  ])('rejects %j', (spec, reason) => {
    expect(() => berlin(spec)).toThrow(WorkingHoursError);
    expect(() => berlin(spec)).toThrow(reason);
  });

  it('rejects an unknown zone and a bad holiday', () => {
    expect(() => parseWorkingHours('24/7', 'Mars/Olympus')).toThrow('unknown time zone');
    expect(() => parseWorkingHours('24/7', 'UTC', ['24.12.'])).toThrow('holiday');
  });
});
