import { BusinessCalendar } from './business-calendar';
import { CalendarSpec, InvalidCalendarError, IsoWeekday, WorkingInterval } from './calendar-spec';

const BERLIN = 'Europe/Berlin';
const MON_TO_FRI: IsoWeekday[] = [1, 2, 3, 4, 5];

function weekdays(days: IsoWeekday[], start: string, end: string): WorkingInterval[] {
  return days.map((weekday) => ({ weekday, start, end }));
}

function calendar(
  intervals: WorkingInterval[],
  extra: Partial<CalendarSpec> = {},
): BusinessCalendar {
  return BusinessCalendar.create({ timeZone: BERLIN, intervals, ...extra });
}

function due(on: BusinessCalendar, created: string, minutes: number): string {
  return on.addBusinessSeconds(new Date(created), minutes * 60).toISOString();
}

const office8to17 = calendar(weekdays(MON_TO_FRI, '08:00', '17:00'));
const office9to17 = calendar(weekdays(MON_TO_FRI, '09:00', '17:00'));
const office8to18 = calendar(weekdays(MON_TO_FRI, '08:00', '18:00'));
const nightShift = calendar(weekdays(MON_TO_FRI, '22:00', '06:00'));
const lunchBreak = calendar([
  ...weekdays(MON_TO_FRI, '09:00', '13:00'),
  ...weekdays(MON_TO_FRI, '14:00', '18:00'),
]);
const tuesdayOnly = calendar(weekdays([2], '08:00', '17:00'));
const alwaysOpen = BusinessCalendar.create({ timeZone: BERLIN, alwaysOpen: true });
const midnightToMidnight = calendar(weekdays([1, 2, 3, 4, 5, 6, 7], '00:00', '24:00'));

describe('BusinessCalendar due times', () => {
  it.each([
    [
      'start after closing on Friday',
      office8to17,
      '2026-11-13T17:30:00+01:00',
      480,
      '2026-11-16T15:00:00.000Z',
    ],
    [
      'start 30 minutes before closing',
      office8to17,
      '2026-11-13T16:30:00+01:00',
      480,
      '2026-11-16T14:30:00.000Z',
    ],
    [
      'duration ending at closing time',
      office8to17,
      '2026-11-16T09:00:00+01:00',
      480,
      '2026-11-16T16:00:00.000Z',
    ],
    ['start on Saturday', office8to17, '2026-11-14T12:00:00+01:00', 60, '2026-11-16T08:00:00.000Z'],
    [
      'split across Friday and Monday',
      office9to17,
      '2026-11-13T16:30:00+01:00',
      60,
      '2026-11-16T08:30:00.000Z',
    ],
  ])('%s', (_name, on, created, minutes, expected) => {
    expect(due(on, created, minutes)).toBe(expected);
  });

  it.each([
    [
      'warning at 75 % of 240 minutes',
      '2026-11-16T17:00:00+01:00',
      180,
      '2026-11-17T09:00:00.000Z',
    ],
    ['due after 240 minutes', '2026-11-16T17:00:00+01:00', 240, '2026-11-17T10:00:00.000Z'],
    [
      'warning at 80 % of 600 minutes',
      '2026-11-16T09:00:00+01:00',
      480,
      '2026-11-16T16:00:00.000Z',
    ],
    ['due after 600 minutes', '2026-11-16T09:00:00+01:00', 600, '2026-11-17T08:00:00.000Z'],
  ])('warning in business time: %s', (_name, created, minutes, expected) => {
    expect(due(office8to18, created, minutes)).toBe(expected);
  });

  it.each([
    [
      '24/7 across the spring change',
      alwaysOpen,
      '2026-03-28T22:00:00+01:00',
      480,
      '2026-03-29T05:00:00.000Z',
    ],
    [
      '24/7 across the autumn change',
      alwaysOpen,
      '2026-10-24T22:00:00+02:00',
      480,
      '2026-10-25T04:00:00.000Z',
    ],
    [
      'office hours across the spring change',
      office8to17,
      '2026-03-27T15:00:00+01:00',
      240,
      '2026-03-30T08:00:00.000Z',
    ],
    [
      'office hours across the autumn change',
      office8to17,
      '2026-10-23T15:00:00+02:00',
      240,
      '2026-10-26T09:00:00.000Z',
    ],
    [
      '00:00-24:00 across the spring change',
      midnightToMidnight,
      '2026-03-28T22:00:00+01:00',
      480,
      '2026-03-29T05:00:00.000Z',
    ],
    [
      '00:00-24:00 across the autumn change',
      midnightToMidnight,
      '2026-10-24T22:00:00+02:00',
      480,
      '2026-10-25T04:00:00.000Z',
    ],
  ])('daylight saving: %s', (_name, on, created, minutes, expected) => {
    expect(due(on, created, minutes)).toBe(expected);
  });

  it.each([
    [
      'inside the previous night shift',
      nightShift,
      '2026-11-13T05:00:00+01:00',
      240,
      '2026-11-14T00:00:00.000Z',
    ],
    [
      'inside the Friday night shift',
      nightShift,
      '2026-11-14T03:00:00+01:00',
      240,
      '2026-11-16T22:00:00.000Z',
    ],
    [
      'across a lunch break',
      lunchBreak,
      '2026-11-16T12:30:00+01:00',
      120,
      '2026-11-16T14:30:00.000Z',
    ],
    [
      'start during a lunch break',
      lunchBreak,
      '2026-11-16T13:20:00+01:00',
      30,
      '2026-11-16T13:30:00.000Z',
    ],
    [
      'one working day a week',
      tuesdayOnly,
      '2026-11-16T10:00:00+01:00',
      240,
      '2026-11-17T11:00:00.000Z',
    ],
    [
      'one working day a week, two weeks',
      tuesdayOnly,
      '2026-11-16T10:00:00+01:00',
      720,
      '2026-11-24T10:00:00.000Z',
    ],
  ])('shift patterns: %s', (_name, on, created, minutes, expected) => {
    expect(due(on, created, minutes)).toBe(expected);
  });

  it.each([
    ['24/7 flag, 8 hours', alwaysOpen, 480, '2026-11-17T03:00:00.000Z'],
    ['24/7 flag, 72 hours', alwaysOpen, 4320, '2026-11-19T19:00:00.000Z'],
    ['00:00-24:00, 8 hours', midnightToMidnight, 480, '2026-11-17T03:00:00.000Z'],
    ['00:00-24:00, 72 hours', midnightToMidnight, 4320, '2026-11-19T19:00:00.000Z'],
  ])('no gap at midnight: %s', (_name, on, minutes, expected) => {
    expect(due(on, '2026-11-16T20:00:00+01:00', minutes)).toBe(expected);
  });

  it('ticket created on a one-off holiday', () => {
    const withHoliday = calendar(weekdays(MON_TO_FRI, '08:00', '17:00'), {
      holidays: ['2026-11-16'],
    });

    expect(due(withHoliday, '2026-11-16T10:00:00+01:00', 120)).toBe('2026-11-17T09:00:00.000Z');
  });

  it('ticket created on a recurring holiday', () => {
    const withChristmas = calendar(weekdays(MON_TO_FRI, '08:00', '17:00'), {
      recurringHolidays: ['12-24', '12-25'],
    });

    expect(due(withChristmas, '2026-12-24T09:00:00+01:00', 60)).toBe('2026-12-28T08:00:00.000Z');
    expect(due(withChristmas, '2027-12-24T09:00:00+01:00', 60)).toBe('2027-12-27T08:00:00.000Z');
  });

  it('holiday removes a night shift starting on it', () => {
    const withHoliday = calendar(weekdays(MON_TO_FRI, '22:00', '06:00'), {
      holidays: ['2026-11-16'],
    });

    expect(due(withHoliday, '2026-11-16T21:00:00+01:00', 60)).toBe('2026-11-17T22:00:00.000Z');
  });

  it('holiday on a 24/7 calendar', () => {
    const withHoliday = BusinessCalendar.create({
      timeZone: BERLIN,
      alwaysOpen: true,
      holidays: ['2026-11-17'],
    });

    expect(due(withHoliday, '2026-11-16T20:00:00+01:00', 480)).toBe('2026-11-18T03:00:00.000Z');
  });

  it('one working minute a week over ten years', () => {
    const oneMinute = calendar([{ weekday: 1, start: '00:00', end: '00:01' }]);

    expect(due(oneMinute, '2025-12-01T01:00:00+01:00', 522)).toBe('2035-12-02T23:01:00.000Z');
  });

  it('zero duration is due at once', () => {
    expect(due(office8to17, '2026-11-14T12:00:00+01:00', 0)).toBe('2026-11-14T11:00:00.000Z');
  });
});

describe('BusinessCalendar business seconds', () => {
  it.each([
    [
      'office hours, Friday to Monday over the spring change',
      office8to17,
      '2026-03-27T15:00:00+01:00',
      '2026-03-30T10:00:00+02:00',
      14_400,
    ],
    [
      '24/7 over the spring change',
      alwaysOpen,
      '2026-03-28T22:00:00+01:00',
      '2026-03-29T06:00:00+02:00',
      25_200,
    ],
    [
      '00:00-24:00 over the spring change',
      midnightToMidnight,
      '2026-03-28T22:00:00+01:00',
      '2026-03-29T06:00:00+02:00',
      25_200,
    ],
    [
      '00:00-24:00 over the autumn change',
      midnightToMidnight,
      '2026-10-25T00:00:00+02:00',
      '2026-10-26T00:00:00+01:00',
      90_000,
    ],
    [
      'first response met late',
      office8to17,
      '2026-11-16T09:00:00+01:00',
      '2026-11-16T11:15:00+01:00',
      8_100,
    ],
    ['weekend only', office8to17, '2026-11-14T00:00:00+01:00', '2026-11-16T00:00:00+01:00', 0],
    [
      'night shift through a weekend',
      nightShift,
      '2026-11-13T05:00:00+01:00',
      '2026-11-16T23:00:00+01:00',
      8 * 3600 + 3600 + 3600,
    ],
    ['reversed range', office8to17, '2026-11-16T12:00:00+01:00', '2026-11-16T10:00:00+01:00', 0],
  ])('%s', (_name, on, from, to, expected) => {
    expect(on.businessSecondsBetween(new Date(from), new Date(to))).toBe(expected);
  });

  it('night shift over the autumn change lasts nine hours', () => {
    const saturdayNight = calendar(weekdays([6], '22:00', '06:00'));

    expect(
      saturdayNight.businessSecondsBetween(
        new Date('2026-10-24T00:00:00Z'),
        new Date('2026-10-26T00:00:00Z'),
      ),
    ).toBe(9 * 3600);
  });

  it('night shift over the spring change lasts seven hours', () => {
    const saturdayNight = calendar(weekdays([6], '22:00', '06:00'));

    expect(
      saturdayNight.businessSecondsBetween(
        new Date('2026-03-28T00:00:00Z'),
        new Date('2026-03-30T00:00:00Z'),
      ),
    ).toBe(7 * 3600);
  });
});

describe('BusinessCalendar validation', () => {
  function problemsOf(spec: CalendarSpec): string[] {
    try {
      BusinessCalendar.create(spec);
    } catch (error) {
      if (error instanceof InvalidCalendarError)
        return error.problems.map((problem) => problem.field);
      throw error;
    }

    return [];
  }

  it('rejects an unknown time zone', () => {
    expect(problemsOf({ timeZone: 'Mars/Olympus', alwaysOpen: true })).toEqual(['timeZone']);
  });

  it('rejects malformed intervals', () => {
    const fields = problemsOf({
      timeZone: BERLIN,
      intervals: [{ weekday: 8 as IsoWeekday, start: '24:00', end: '24:01' }],
    });

    expect(fields).toEqual(['intervals.0.weekday', 'intervals.0.start', 'intervals.0.end']);
  });

  it('rejects a calendar without working time', () => {
    expect(problemsOf({ timeZone: BERLIN, intervals: [] })).toEqual(['intervals']);
  });

  it('rejects malformed holidays', () => {
    const fields = problemsOf({
      timeZone: BERLIN,
      alwaysOpen: true,
      recurringHolidays: ['02-30'],
      holidays: ['2026-02-29'],
    });

    expect(fields).toEqual(['recurringHolidays.0', 'holidays.0']);
  });

  it('raises when every day is a holiday', () => {
    const everyDay = Array.from({ length: 366 }, (_, index) =>
      new Date(Date.UTC(2024, 0, 1 + index)).toISOString().slice(5, 10),
    );
    const closed = calendar(weekdays(MON_TO_FRI, '08:00', '17:00'), {
      recurringHolidays: everyDay,
    });

    expect(() => due(closed, '2026-11-16T09:00:00+01:00', 60)).toThrow(RangeError);
  });
});
