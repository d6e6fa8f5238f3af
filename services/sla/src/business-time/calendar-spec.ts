import { IANAZone } from 'luxon';

/** ISO weekday: 1 is Monday, 7 is Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * One working interval in local wall time. An end that is not later than the start marks an
 * overnight shift: it belongs to the weekday it starts on and ends on the next calendar day.
 * `24:00` is accepted as an end and means the following midnight.
 */
export interface WorkingInterval {
  weekday: IsoWeekday;
  start: string;
  end: string;
}

/** A business calendar as the API stores it. */
export interface CalendarSpec {
  /** IANA time zone, e.g. `Europe/Berlin`. */
  timeZone: string;
  /** Open every day around the clock; the same as every weekday 00:00-24:00. */
  alwaysOpen?: boolean;
  intervals?: WorkingInterval[];
  /** Holidays repeating every year, as `MM-DD`. */
  recurringHolidays?: string[];
  /** One-off holidays, as `YYYY-MM-DD`. */
  holidays?: string[];
}

export interface CalendarProblem {
  field: string;
  reason: string;
}

/** Raised when a calendar definition cannot be used; lists every problem by field. */
export class InvalidCalendarError extends Error {
  constructor(readonly problems: CalendarProblem[]) {
    super(
      `invalid calendar: ${problems.map((problem) => `${problem.field}: ${problem.reason}`).join('; ')}`,
    );
  }
}

const WALL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const ISO_DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DAYS_IN_MONTH_LEAP_YEAR = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Parses `HH:MM` into minutes after midnight; `24:00` only where `allowMidnightEnd` is set. */
export function parseWallTime(text: string, allowMidnightEnd: boolean): number | undefined {
  if (allowMidnightEnd && text === '24:00') return 24 * 60;

  const match = WALL_TIME.exec(text);
  if (!match) return undefined;

  return Number(match[1]) * 60 + Number(match[2]);
}

function isValidMonthDay(text: string): boolean {
  const match = MONTH_DAY.exec(text);

  return match !== null && Number(match[2]) <= DAYS_IN_MONTH_LEAP_YEAR[Number(match[1]) - 1];
}

function isValidIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;

  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));

  return date.getUTCDate() === Number(match[3]);
}

function intervalProblems(intervals: WorkingInterval[]): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  intervals.forEach((interval, index) => {
    const field = `intervals.${index}`;
    if (!Number.isInteger(interval.weekday) || interval.weekday < 1 || interval.weekday > 7) {
      problems.push({
        field: `${field}.weekday`,
        reason: 'must be an ISO weekday from 1 (Monday) to 7 (Sunday)',
      });
    }
    if (parseWallTime(interval.start, false) === undefined) {
      problems.push({
        field: `${field}.start`,
        reason: 'must be a wall time HH:MM from 00:00 to 23:59',
      });
    }
    if (parseWallTime(interval.end, true) === undefined) {
      problems.push({
        field: `${field}.end`,
        reason: 'must be a wall time HH:MM from 00:00 to 24:00',
      });
    }
  });

  return problems;
}

/** Lists every problem of a calendar definition; an empty list means it is usable. */
export function validateCalendarSpec(spec: CalendarSpec): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  if (typeof spec.timeZone !== 'string' || !IANAZone.isValidZone(spec.timeZone)) {
    problems.push({ field: 'timeZone', reason: 'must be an IANA time zone such as Europe/Berlin' });
  }

  const intervals = spec.intervals ?? [];
  problems.push(...intervalProblems(intervals));
  if (!spec.alwaysOpen && intervals.length === 0) {
    problems.push({
      field: 'intervals',
      reason: 'must contain at least one working interval unless alwaysOpen is true',
    });
  }

  (spec.recurringHolidays ?? []).forEach((day, index) => {
    if (!isValidMonthDay(day)) {
      problems.push({
        field: `recurringHolidays.${index}`,
        reason: 'must be a month and day as MM-DD',
      });
    }
  });
  (spec.holidays ?? []).forEach((date, index) => {
    if (!isValidIsoDate(date)) {
      problems.push({
        field: `holidays.${index}`,
        reason: 'must be a calendar date as YYYY-MM-DD',
      });
    }
  });

  return problems;
}
