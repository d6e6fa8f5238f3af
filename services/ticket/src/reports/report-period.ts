import { ValidationFailedError } from '@deskflow/http';
import { ReportQuery } from './dto/report.query';
import { parseWorkingHours, WorkingHours, WorkingHoursError } from './working-hours';

const MAX_DAYS = 366;
const DAY_MS = 24 * 3600 * 1000;

export interface ReportPeriod {
  from: Date;
  to: Date;
  workingHours: WorkingHours;
}

/**
 * Reads the period and the calendar of a report request. The calendar comes from the request,
 * else from REPORT_TIME_ZONE, REPORT_WORKING_HOURS and REPORT_HOLIDAYS, else Monday to Friday
 * 08:00-17:00 UTC without holidays.
 */
export function reportPeriod(query: ReportQuery): ReportPeriod {
  const from = new Date(query.from);
  const to = new Date(query.to);
  if (to.getTime() <= from.getTime())
    throw new ValidationFailedError([{ field: 'to', reason: 'must be after from' }]);

  if (to.getTime() - from.getTime() > MAX_DAYS * DAY_MS) {
    throw new ValidationFailedError([
      { field: 'to', reason: `the period may span at most ${MAX_DAYS} days` },
    ]);
  }
  const timeZone = query.timeZone ?? process.env.REPORT_TIME_ZONE ?? 'UTC';
  const spec = query.workingHours ?? process.env.REPORT_WORKING_HOURS ?? 'mon-fri 08:00-17:00';
  const holidays = (query.holidays ?? process.env.REPORT_HOLIDAYS ?? '')
    .split(',')
    .map((day) => day.trim())
    .filter(Boolean);
  try {
    return { from, to, workingHours: parseWorkingHours(spec, timeZone, holidays) };
  } catch (error) {
    if (!(error instanceof WorkingHoursError)) throw error;

    const field = error.message.includes('time zone')
      ? 'timeZone'
      : error.message.includes('holiday')
        ? 'holidays'
        : 'workingHours';
    throw new ValidationFailedError([{ field, reason: error.message }]);
  }
}
