import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString } from 'class-validator';
import { SLA_CLOCK_KINDS, SlaClockKind } from '@deskflow/contracts';

export const REPORT_PERIODS = ['day', 'week', 'month'] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

export class ComplianceQuery {
  @ApiProperty({ description: 'Clocks started at or after this instant' })
  @IsISO8601({ strict: true })
  from!: string;

  @ApiProperty({ description: 'Clocks started before this instant' })
  @IsISO8601({ strict: true })
  to!: string;

  @ApiPropertyOptional({ enum: REPORT_PERIODS, default: 'day' })
  @IsOptional()
  @IsIn(REPORT_PERIODS)
  period?: ReportPeriod;

  @ApiPropertyOptional({ enum: SLA_CLOCK_KINDS })
  @IsOptional()
  @IsIn(SLA_CLOCK_KINDS)
  kind?: SlaClockKind;

  @ApiPropertyOptional({ default: 'UTC', description: 'IANA time zone in which periods start' })
  @IsOptional()
  @IsString()
  timeZone?: string;
}

export interface ComplianceRow {
  policyId: string;
  policyName: string | null;
  queueId: string;
  queueName: string | null;
  kind: SlaClockKind;
  /** Local start of the period, in the requested time zone, as `YYYY-MM-DD`. */
  period: string;
  /** Clocks met within their target. */
  met: number;
  /** Clocks that passed their due time: met late, or still open or cancelled after it. */
  breached: number;
  /** Business seconds until met, over met clocks; null when none was met. */
  medianBusinessSeconds: number | null;
  p90BusinessSeconds: number | null;
}
