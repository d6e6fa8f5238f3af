import { IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { REPORT_DIMENSIONS, REPORT_HOURS, ReportDimension, ReportHours } from '../ticket-report';

export class ReportQuery {
  /** Start of the period, inclusive; tickets created from then on count. */
  @IsISO8601({ strict: true })
  from!: string;

  /** End of the period, exclusive. At most 366 days after `from`. */
  @IsISO8601({ strict: true })
  to!: string;

  @IsOptional()
  @IsIn(REPORT_DIMENSIONS)
  groupBy?: ReportDimension;

  /** `business` counts durations only inside the working hours below. */
  @IsOptional()
  @IsIn(REPORT_HOURS)
  hours?: ReportHours;

  /** IANA time zone of the working hours and of the backlog's days; REPORT_TIME_ZONE or UTC by default. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;

  /** Working intervals such as `mon-fri 08:00-17:00`; REPORT_WORKING_HOURS or that value by default. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  workingHours?: string;

  /** Comma-separated holidays as YYYY-MM-DD or MM-DD; REPORT_HOLIDAYS by default. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  holidays?: string;

  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
