import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBase64, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

export class ListSlaTicketsQuery {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'Only tickets with (or without) a running clock past its due time',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  escalated?: 'true' | 'false';

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'Only tickets with (or without) a clock that ever breached',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  breached?: 'true' | 'false';

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @IsBase64({ urlSafe: true })
  cursor?: string;
}

export interface SlaClockStatusView {
  id: string;
  kind: string;
  cycle: number;
  status: string;
  startedAt: string;
  dueAt: string | null;
  warnAt: string | null;
  metAt: string | null;
  targetSeconds: number;
  /** Business seconds left until the due time; negative once overdue, null when met or cancelled. */
  remainingBusinessSeconds: number | null;
  businessSeconds: number | null;
  breached: boolean;
}

export interface SlaTicketStatusView {
  ticketId: string;
  ticketNumber: string;
  policyId: string | null;
  policyName: string | null;
  /** True while any running clock is past its due time. */
  escalated: boolean;
  breached: boolean;
  clocks: SlaClockStatusView[];
}

export interface SlaTicketListItem {
  ticketId: string;
  ticketNumber: string;
  policyId: string | null;
  nextDueAt: string | null;
  escalated: boolean;
  breached: boolean;
}
