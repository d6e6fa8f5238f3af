import { Type } from 'class-transformer';
import {
  IsArray,
  IsDefined,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../envelope/event-definition';
import { TicketSnapshot } from '../ticket/ticket-snapshot';

export const SLA_CLOCK_KINDS = ['first_response', 'next_response', 'resolution'] as const;
export type SlaClockKind = (typeof SLA_CLOCK_KINDS)[number];

export const SLA_CLOCK_STATUSES = ['running', 'paused', 'met', 'breached', 'cancelled'] as const;
export type SlaClockStatus = (typeof SLA_CLOCK_STATUSES)[number];

export class SlaClockView {
  @IsIn(SLA_CLOCK_KINDS)
  kind!: SlaClockKind;

  @IsIn(SLA_CLOCK_STATUSES)
  status!: SlaClockStatus;

  @IsOptional()
  @IsISO8601()
  dueAt?: string | null;

  @IsOptional()
  @IsISO8601()
  warnAt?: string | null;

  @IsOptional()
  @IsISO8601()
  metAt?: string | null;

  /** True once the clock passed its due time, also when it was met late. */
  @IsOptional()
  @IsBoolean()
  breached?: boolean;

  @IsInt()
  @Min(0)
  targetSeconds!: number;
}

/** The SLA now applying to a ticket, sent whenever its due times change. */
export class SlaAppliedPayload {
  @IsUUID()
  ticketId!: string;

  @IsString()
  ticketNumber!: string;

  @IsOptional()
  @IsUUID()
  policyId?: string | null;

  @IsOptional()
  @IsString()
  policyName?: string | null;

  @IsArray()
  @IsDefined()
  @ValidateNested({ each: true })
  @Type(() => SlaClockView)
  clocks!: SlaClockView[];
}

/** A clock's warning or breach, with the ticket so that notifications can address people. */
export class SlaClockAlertPayload {
  @IsUUID()
  ticketId!: string;

  @IsUUID()
  clockId!: string;

  @IsIn(SLA_CLOCK_KINDS)
  kind!: SlaClockKind;

  @IsISO8601()
  dueAt!: string;

  /** The instant the alert was due; lateness of delivery is firedAt minus this. */
  @IsISO8601()
  scheduledAt!: string;

  @IsISO8601()
  firedAt!: string;

  @IsOptional()
  @IsString()
  policyName?: string | null;

  @IsDefined()
  @ValidateNested()
  @Type(() => TicketSnapshot)
  ticket!: TicketSnapshot;
}

export class SlaClockMetPayload {
  @IsUUID()
  ticketId!: string;

  @IsUUID()
  clockId!: string;

  @IsIn(SLA_CLOCK_KINDS)
  kind!: SlaClockKind;

  @IsISO8601()
  metAt!: string;

  /** Business seconds the clock ran until it was met. */
  @IsInt()
  @Min(0)
  businessSeconds!: number;

  /** True when it was met after its due time. */
  @IsBoolean()
  breached!: boolean;
}

/** A clock paused, resumed or was cancelled; `at` is the ticket event's own time. */
export class SlaClockChangedPayload {
  @IsUUID()
  ticketId!: string;

  @IsUUID()
  clockId!: string;

  @IsIn(SLA_CLOCK_KINDS)
  kind!: SlaClockKind;

  @IsISO8601()
  at!: string;

  /** The due time after the change; null while the clock is paused or once it is cancelled. */
  @IsOptional()
  @IsISO8601()
  dueAt?: string | null;

  /** The cancel reason, e.g. `no_policy`, `ticket_closed`. */
  @IsOptional()
  @IsString()
  reason?: string | null;
}

export const SlaEvents = {
  applied: defineEvent('sla.applied', 1, SlaAppliedPayload),
  warning: defineEvent('sla.warning', 1, SlaClockAlertPayload),
  breached: defineEvent('sla.breached', 1, SlaClockAlertPayload),
  met: defineEvent('sla.met', 1, SlaClockMetPayload),
  paused: defineEvent('sla.paused', 1, SlaClockChangedPayload),
  resumed: defineEvent('sla.resumed', 1, SlaClockChangedPayload),
  cancelled: defineEvent('sla.cancelled', 1, SlaClockChangedPayload),
} as const;
