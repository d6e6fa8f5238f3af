import { DateTime, IANAZone } from 'luxon';

/** One working interval on an ISO weekday (1 = Monday). An end not after the start runs overnight. */
export interface WorkingInterval {
  weekday: number;
  startMinute: number;
  endMinute: number;
}

/**
 * The calendar that business-hour report figures are counted in: a time zone, working
 * intervals per weekday, and holidays as `YYYY-MM-DD` (one day) or `MM-DD` (every year). A
 * holiday removes the intervals that start on it. `alwaysOpen` counts every second.
 */
export interface WorkingHours {
  timeZone: string;
  intervals: WorkingInterval[];
  holidays: string[];
  alwaysOpen: boolean;
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const DAY_SPEC = /^([a-z]{3})(?:-([a-z]{3}))?$/;
const TIME_SPEC = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/;
const HOLIDAY_SPEC = /^(\d{4}-)?\d{2}-\d{2}$/;

export class WorkingHoursError extends Error {}

function weekdayIndex(name: string): number {
  const index = WEEKDAYS.indexOf(name);
  if (index < 0)
    throw new WorkingHoursError(
      `unknown weekday "${name}"; use mon, tue, wed, thu, fri, sat or sun`,
    );

  return index + 1;
}

function parsePart(part: string): WorkingInterval[] {
  const [days, ...times] = part.trim().toLowerCase().split(/\s+/);
  const dayMatch = DAY_SPEC.exec(days ?? '');
  if (!dayMatch || times.length === 0) {
    throw new WorkingHoursError(`"${part.trim()}" must look like "mon-fri 08:00-17:00"`);
  }
  const first = weekdayIndex(dayMatch[1]);
  const last = dayMatch[2] ? weekdayIndex(dayMatch[2]) : first;
  const intervals: WorkingInterval[] = [];
  for (const time of times) {
    const timeMatch = TIME_SPEC.exec(time);
    if (!timeMatch)
      throw new WorkingHoursError(`"${time}" must be a time range such as 08:00-17:00`);

    const startMinute = Number(timeMatch[1]) * 60 + Number(timeMatch[2]);
    const endMinute = Number(timeMatch[3]) * 60 + Number(timeMatch[4]);
    for (let day = first; ; day = (day % 7) + 1) {
      intervals.push({ weekday: day, startMinute, endMinute });
      if (day === last) break;
    }
  }

  return intervals;
}

/**
 * Parses a compact calendar such as `mon-fri 08:00-12:00 13:00-17:00; sat 09:00-12:00`, or
 * `24/7`. Day ranges may wrap (`fri-mon`). Raises WorkingHoursError naming the bad part.
 */
export function parseWorkingHours(
  spec: string,
  timeZone: string,
  holidays: string[] = [],
): WorkingHours {
  if (!IANAZone.isValidZone(timeZone))
    throw new WorkingHoursError(`unknown time zone "${timeZone}"`);

  const badHoliday = holidays.find((holiday) => !HOLIDAY_SPEC.test(holiday));
  if (badHoliday)
    throw new WorkingHoursError(`holiday "${badHoliday}" must be YYYY-MM-DD or MM-DD`);

  if (spec.trim() === '24/7') return { timeZone, intervals: [], holidays, alwaysOpen: true };

  const intervals = spec
    .split(';')
    .filter((part) => part.trim() !== '')
    .flatMap(parsePart);
  if (intervals.length === 0)
    throw new WorkingHoursError('the calendar needs at least one working interval');

  return { timeZone, intervals, holidays, alwaysOpen: false };
}

function isHoliday(day: DateTime, holidays: string[]): boolean {
  return holidays.includes(day.toFormat('yyyy-MM-dd')) || holidays.includes(day.toFormat('MM-dd'));
}

/** Converts a wall-clock minute of a local day to epoch milliseconds; minute 1440 is the next midnight. */
function atMinute(day: DateTime, minute: number): number {
  const base = minute >= 1440 ? day.plus({ days: 1 }) : day;
  const local = minute % 1440;

  return base
    .set({ hour: Math.floor(local / 60), minute: local % 60, second: 0, millisecond: 0 })
    .toMillis();
}

/**
 * Counts the seconds between two instants that fall inside working intervals. Interval bounds
 * are local wall-clock times, so an interval across a daylight-saving change is an hour longer
 * or shorter in real time, and that real time is what counts.
 */
export function businessSecondsBetween(start: Date, end: Date, hours: WorkingHours): number {
  const from = start.getTime();
  const to = end.getTime();
  if (to <= from) return 0;

  if (hours.alwaysOpen) return Math.round((to - from) / 1000);

  let total = 0;
  // Start a day early so that an overnight interval begun the evening before is counted.
  let day = DateTime.fromMillis(from, { zone: hours.timeZone }).startOf('day').minus({ days: 1 });
  const lastDay = DateTime.fromMillis(to, { zone: hours.timeZone }).startOf('day');
  for (; day <= lastDay; day = day.plus({ days: 1 }).startOf('day')) {
    if (isHoliday(day, hours.holidays)) continue;

    for (const interval of hours.intervals) {
      if (interval.weekday !== day.weekday) continue;

      const intervalStart = atMinute(day, interval.startMinute);
      const endDay = interval.endMinute > interval.startMinute ? day : day.plus({ days: 1 });
      const intervalEnd = atMinute(endDay, interval.endMinute);
      total += Math.max(0, Math.min(to, intervalEnd) - Math.max(from, intervalStart));
    }
  }

  return Math.round(total / 1000);
}
