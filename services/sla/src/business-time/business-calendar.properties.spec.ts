import fc from 'fast-check';
import { BusinessCalendar } from './business-calendar';
import { CalendarSpec, IsoWeekday, WorkingInterval } from './calendar-spec';

const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'UTC'];
const RANGE_START = Date.UTC(2025, 11, 1);
const RANGE_END = Date.UTC(2027, 1, 1);

function wallTime(minutes: number): string {
  const hours = String(Math.floor(minutes / 60)).padStart(2, '0');

  return `${hours}:${String(minutes % 60).padStart(2, '0')}`;
}

const intervalArbitrary: fc.Arbitrary<WorkingInterval> = fc
  .record({
    weekday: fc.integer({ min: 1, max: 7 }),
    start: fc.integer({ min: 0, max: 24 * 60 - 1 }),
    end: fc.integer({ min: 0, max: 24 * 60 }),
  })
  .map(({ weekday, start, end }) => ({
    weekday: weekday as IsoWeekday,
    start: wallTime(start),
    end: end === 1440 ? '24:00' : wallTime(end),
  }));

const holidayArbitrary = fc
  .integer({ min: RANGE_START, max: RANGE_END })
  .map((ms) => new Date(ms).toISOString().slice(0, 10));

const calendarArbitrary: fc.Arbitrary<CalendarSpec> = fc.record({
  timeZone: fc.constantFrom(...ZONES),
  intervals: fc.array(intervalArbitrary, { minLength: 1, maxLength: 6 }),
  holidays: fc.array(holidayArbitrary, { maxLength: 20 }),
  recurringHolidays: fc.array(
    holidayArbitrary.map((date) => date.slice(5)),
    { maxLength: 3 },
  ),
});

const instantArbitrary = fc
  .integer({ min: RANGE_START / 1000, max: RANGE_END / 1000 })
  .map((seconds) => seconds * 1000);
const durationArbitrary = fc.integer({ min: 0, max: 40 * 3600 }).map((seconds) => seconds * 1000);

describe('BusinessCalendar properties', () => {
  it('counting after adding returns the duration', () => {
    fc.assert(
      fc.property(
        calendarArbitrary,
        instantArbitrary,
        durationArbitrary,
        (spec, start, duration) => {
          const calendar = BusinessCalendar.create(spec);
          const dueAt = calendar.addBusinessMillis(start, duration);

          expect(calendar.businessMillisBetween(start, dueAt)).toBe(duration);
        },
      ),
    );
  });

  it('due time never precedes the start', () => {
    fc.assert(
      fc.property(
        calendarArbitrary,
        instantArbitrary,
        durationArbitrary,
        (spec, start, duration) => {
          expect(
            BusinessCalendar.create(spec).addBusinessMillis(start, duration),
          ).toBeGreaterThanOrEqual(start);
        },
      ),
    );
  });

  it('due time grows with the duration and the start', () => {
    fc.assert(
      fc.property(
        calendarArbitrary,
        instantArbitrary,
        instantArbitrary,
        durationArbitrary,
        durationArbitrary,
        (spec, a, b, d1, d2) => {
          const calendar = BusinessCalendar.create(spec);
          const [early, late] = a <= b ? [a, b] : [b, a];
          const [short, long] = d1 <= d2 ? [d1, d2] : [d2, d1];

          expect(calendar.addBusinessMillis(early, short)).toBeLessThanOrEqual(
            calendar.addBusinessMillis(early, long),
          );
          expect(calendar.addBusinessMillis(early, short)).toBeLessThanOrEqual(
            calendar.addBusinessMillis(late, short),
          );
        },
      ),
    );
  });

  it('adding in two steps equals adding the sum', () => {
    fc.assert(
      fc.property(
        calendarArbitrary,
        instantArbitrary,
        durationArbitrary,
        durationArbitrary,
        (spec, start, first, second) => {
          const calendar = BusinessCalendar.create(spec);
          const inTwoSteps = calendar.addBusinessMillis(
            calendar.addBusinessMillis(start, first),
            second,
          );

          expect(inTwoSteps).toBe(calendar.addBusinessMillis(start, first + second));
        },
      ),
    );
  });

  it('counts add up over adjacent ranges', () => {
    fc.assert(
      fc.property(
        calendarArbitrary,
        fc.array(instantArbitrary, { minLength: 3, maxLength: 3 }),
        (spec, instants) => {
          const calendar = BusinessCalendar.create(spec);
          const [a, b, c] = [...instants].sort((left, right) => left - right);
          const whole = calendar.businessMillisBetween(a, c);

          expect(calendar.businessMillisBetween(a, b) + calendar.businessMillisBetween(b, c)).toBe(
            whole,
          );
          expect(whole).toBeLessThanOrEqual(c - a);
        },
      ),
    );
  });

  it('24/7 flag equals every day 00:00-24:00', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.array(holidayArbitrary, { maxLength: 5 }),
        instantArbitrary,
        durationArbitrary,
        instantArbitrary,
        (timeZone, holidays, start, duration, end) => {
          const flag = BusinessCalendar.create({ timeZone, alwaysOpen: true, holidays });
          const everyDay = Array.from({ length: 7 }, (_, index) => ({
            weekday: (index + 1) as IsoWeekday,
            start: '00:00',
            end: '24:00',
          }));
          const explicit = BusinessCalendar.create({ timeZone, intervals: everyDay, holidays });

          expect(flag.addBusinessMillis(start, duration)).toBe(
            explicit.addBusinessMillis(start, duration),
          );
          expect(flag.businessMillisBetween(start, end)).toBe(
            explicit.businessMillisBetween(start, end),
          );
        },
      ),
    );
  });
});
