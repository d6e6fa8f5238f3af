import { DateTime } from 'luxon';
import {
  CalendarSpec,
  InvalidCalendarError,
  parseWallTime,
  validateCalendarSpec,
} from './calendar-spec';

const MINUTES_PER_DAY = 24 * 60;
const MS_PER_DAY = 86_400_000;
const MS_PER_SECOND = 1000;

/** How many days in a row without working time make the arithmetic give up (more than a year). */
const MAX_CLOSED_DAYS = 400;
const MAX_CACHED_DAYS = 8192;

/** Minutes after local midnight of the interval's own day; the end may exceed 1440. */
interface MinuteRange {
  start: number;
  end: number;
}

/**
 * Business-time arithmetic on one calendar. Business time is real elapsed time inside working
 * intervals, so an interval spanning a daylight-saving change lasts one hour more or less than
 * its wall-clock length. Instants are epoch milliseconds; the open intervals of each local day
 * are computed once and cached, which keeps repeated calls cheap.
 */
export class BusinessCalendar {
  private readonly rangesByWeekday: MinuteRange[][];
  private readonly recurringHolidays: Set<string>;
  private readonly holidays: Set<string>;
  /** Open every day with no holidays: business time equals elapsed time. */
  private readonly continuous: boolean;
  private readonly dayCache = new Map<number, number[]>();

  private constructor(readonly spec: CalendarSpec) {
    this.rangesByWeekday = buildWeekdayRanges(spec);
    this.recurringHolidays = new Set(spec.recurringHolidays ?? []);
    this.holidays = new Set(spec.holidays ?? []);
    this.continuous =
      Boolean(spec.alwaysOpen) && this.recurringHolidays.size === 0 && this.holidays.size === 0;
  }

  /** Builds a calendar; raises InvalidCalendarError listing every problem of the definition. */
  static create(spec: CalendarSpec): BusinessCalendar {
    const problems = validateCalendarSpec(spec);
    if (problems.length > 0) throw new InvalidCalendarError(problems);

    return new BusinessCalendar(spec);
  }

  /** Returns the instant at which `seconds` business seconds have passed since `start`. */
  addBusinessSeconds(start: Date, seconds: number): Date {
    return new Date(this.addBusinessMillis(start.getTime(), seconds * MS_PER_SECOND));
  }

  /** Counts whole business seconds in [from, to); zero when `to` is not after `from`. */
  businessSecondsBetween(from: Date, to: Date): number {
    return Math.floor(this.businessMillisBetween(from.getTime(), to.getTime()) / MS_PER_SECOND);
  }

  /**
   * Returns the instant at which `amount` business milliseconds have passed since `startMs`.
   * A duration that ends exactly at the end of an interval is due at that end.
   */
  addBusinessMillis(startMs: number, amount: number): number {
    if (!Number.isFinite(amount) || amount < 0) {
      throw new RangeError(`business duration must be a finite number >= 0, got ${amount}`);
    }
    if (amount === 0) return startMs;
    if (this.continuous) return startMs + amount;

    let remaining = amount;
    let cursor = startMs;
    let lastOpenDay = this.localDayNumber(startMs) - 1;
    for (let day = lastOpenDay; day <= lastOpenDay + MAX_CLOSED_DAYS; day++) {
      const bounds = this.openIntervals(day);
      if (bounds.length > 0) lastOpenDay = day;
      for (let index = 0; index < bounds.length; index += 2) {
        const end = bounds[index + 1];
        if (end <= cursor) continue;

        const from = Math.max(bounds[index], cursor);
        const available = end - from;
        if (remaining <= available) return from + remaining;

        remaining -= available;
        cursor = end;
      }
    }

    throw new RangeError(
      `calendar has no working time for ${MAX_CLOSED_DAYS} days in a row after ${new Date(startMs).toISOString()}`,
    );
  }

  /** Counts business milliseconds in [fromMs, toMs). */
  businessMillisBetween(fromMs: number, toMs: number): number {
    if (toMs <= fromMs) return 0;
    if (this.continuous) return toMs - fromMs;

    let total = 0;
    let cursor = fromMs;
    const lastDay = this.localDayNumber(toMs);
    for (let day = this.localDayNumber(fromMs) - 1; day <= lastDay; day++) {
      const bounds = this.openIntervals(day);
      for (let index = 0; index < bounds.length; index += 2) {
        const low = Math.max(bounds[index], cursor);
        const high = Math.min(bounds[index + 1], toMs);
        if (high > low) {
          total += high - low;
          cursor = high;
        }
      }
    }

    return total;
  }

  /** Tells whether the instant lies inside a working interval. */
  isOpenAt(instantMs: number): boolean {
    return this.businessMillisBetween(instantMs, instantMs + 1) === 1;
  }

  /** Days since 1970-01-01 of the local date of an instant. */
  private localDayNumber(instantMs: number): number {
    const local = DateTime.fromMillis(instantMs, { zone: this.spec.timeZone });

    return Math.floor((instantMs + local.offset * 60_000) / MS_PER_DAY);
  }

  /** Returns the open intervals of the shifts starting on a local day, as flat [start, end, ...] epoch ms. */
  private openIntervals(day: number): number[] {
    const cached = this.dayCache.get(day);
    if (cached) return cached;

    const bounds = this.computeOpenIntervals(day);
    if (this.dayCache.size >= MAX_CACHED_DAYS) this.dayCache.clear();
    this.dayCache.set(day, bounds);

    return bounds;
  }

  private computeOpenIntervals(day: number): number[] {
    const date = new Date(day * MS_PER_DAY);
    if (this.isHoliday(date)) return [];

    const weekday = ((date.getUTCDay() + 6) % 7) + 1;
    const bounds: number[] = [];
    for (const range of this.rangesByWeekday[weekday]) {
      const start = this.wallTimeToMillis(day, range.start);
      const end = this.wallTimeToMillis(day, range.end);
      // A range can vanish in the hour skipped when clocks go forward.
      if (end > start) bounds.push(start, end);
    }

    return bounds;
  }

  private isHoliday(date: Date): boolean {
    const isoDate = date.toISOString().slice(0, 10);

    return this.holidays.has(isoDate) || this.recurringHolidays.has(isoDate.slice(5));
  }

  /**
   * Converts a wall time on a local day into an instant. Wall times skipped by a forward change
   * move forward by the gap; repeated wall times take their first occurrence (luxon's rules).
   */
  private wallTimeToMillis(day: number, minutes: number): number {
    const date = new Date((day + Math.floor(minutes / MINUTES_PER_DAY)) * MS_PER_DAY);
    const minuteOfDay = minutes % MINUTES_PER_DAY;

    return DateTime.fromObject(
      {
        year: date.getUTCFullYear(),
        month: date.getUTCMonth() + 1,
        day: date.getUTCDate(),
        hour: Math.floor(minuteOfDay / 60),
        minute: minuteOfDay % 60,
      },
      { zone: this.spec.timeZone },
    ).toMillis();
  }
}

function buildWeekdayRanges(spec: CalendarSpec): MinuteRange[][] {
  const byWeekday: MinuteRange[][] = Array.from({ length: 8 }, () => []);
  if (spec.alwaysOpen) {
    for (let weekday = 1; weekday <= 7; weekday++)
      byWeekday[weekday].push({ start: 0, end: MINUTES_PER_DAY });

    return byWeekday;
  }

  for (const interval of spec.intervals ?? []) {
    const start = parseWallTime(interval.start, false)!;
    let end = parseWallTime(interval.end, true)!;
    if (end <= start) end += MINUTES_PER_DAY;
    byWeekday[interval.weekday].push({ start, end });
  }
  for (const ranges of byWeekday) ranges.sort((left, right) => left.start - right.start);

  return byWeekday;
}
