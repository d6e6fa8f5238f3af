import { Type } from 'class-transformer';
import {
  IsArray,
  IsDefined,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../envelope/event-definition';
import { ArticleSnapshot, TicketSnapshot } from './ticket-snapshot';
import { LINK_TYPES, LinkType, TICKET_STATE_TYPES, TicketStateType } from './ticket-vocabulary';

export class FieldChange {
  @IsString()
  field!: string;

  @IsOptional()
  before?: unknown;

  @IsOptional()
  after?: unknown;

  /**
   * True when the JSON of `before` or `after` exceeded `EVENT_TEXT_LIMITS.changeValueBytes`
   * (64 KiB). That value is then null, and the ticket API has the current one.
   */
  @IsOptional()
  @IsBoolean()
  truncated?: boolean;
}

export class TicketCreatedPayload {
  @IsDefined()
  @ValidateNested()
  @Type(() => TicketSnapshot)
  ticket!: TicketSnapshot;

  /** The article the ticket was opened with, if any. */
  @IsOptional()
  @ValidateNested()
  @Type(() => ArticleSnapshot)
  article?: ArticleSnapshot | null;

  /** Set when the request carried markers of an automatic sender (no acknowledgement then). */
  @IsOptional()
  @IsBoolean()
  suppressAutoReply?: boolean;
}

export class TicketUpdatedPayload {
  @IsDefined()
  @ValidateNested()
  @Type(() => TicketSnapshot)
  ticket!: TicketSnapshot;

  @IsArray()
  @IsDefined()
  @ValidateNested({ each: true })
  @Type(() => FieldChange)
  changes!: FieldChange[];
}

export class StateRef {
  @IsString()
  state!: string;

  @IsIn(TICKET_STATE_TYPES)
  stateType!: TicketStateType;
}

export class TicketStateChangedPayload {
  @IsDefined()
  @ValidateNested()
  @Type(() => TicketSnapshot)
  ticket!: TicketSnapshot;

  @IsDefined()
  @ValidateNested()
  @Type(() => StateRef)
  from!: StateRef;

  @IsDefined()
  @ValidateNested()
  @Type(() => StateRef)
  to!: StateRef;

  /** When the change took effect; consumers measure clocks from this, not from delivery time. */
  @IsISO8601()
  changedAt!: string;
}

export class TicketAssignedPayload {
  @IsDefined()
  @ValidateNested()
  @Type(() => TicketSnapshot)
  ticket!: TicketSnapshot;

  @IsOptional()
  @IsUUID()
  previousOwnerId?: string | null;

  @IsOptional()
  @IsUUID()
  ownerId?: string | null;
}

export class TicketArticleAddedPayload {
  @IsDefined()
  @ValidateNested()
  @Type(() => TicketSnapshot)
  ticket!: TicketSnapshot;

  @IsDefined()
  @ValidateNested()
  @Type(() => ArticleSnapshot)
  article!: ArticleSnapshot;

  @IsOptional()
  @IsBoolean()
  suppressAutoReply?: boolean;
}

/** An existing article changed visibility; clocks must not be backdated by it. */
export class TicketArticleUpdatedPayload {
  @IsDefined()
  @ValidateNested()
  @Type(() => TicketSnapshot)
  ticket!: TicketSnapshot;

  @IsDefined()
  @ValidateNested()
  @Type(() => ArticleSnapshot)
  article!: ArticleSnapshot;

  @IsISO8601()
  changedAt!: string;
}

export class TicketMergedPayload {
  /** The source ticket, now in state `merged`. */
  @IsDefined()
  @ValidateNested()
  @Type(() => TicketSnapshot)
  ticket!: TicketSnapshot;

  @IsUUID()
  targetTicketId!: string;

  @IsString()
  targetNumber!: string;

  @IsISO8601()
  mergedAt!: string;
}

export class TicketLinkedPayload {
  @IsDefined()
  @ValidateNested()
  @Type(() => TicketSnapshot)
  ticket!: TicketSnapshot;

  @IsUUID()
  otherTicketId!: string;

  @IsIn(LINK_TYPES)
  linkType!: LinkType;
}

/** A `pending_reminder` ticket reached its pending-until time and was reopened. */
export class TicketPendingReminderPayload {
  @IsDefined()
  @ValidateNested()
  @Type(() => TicketSnapshot)
  ticket!: TicketSnapshot;

  @IsISO8601()
  dueAt!: string;
}

export const TicketEvents = {
  created: defineEvent('ticket.created', 1, TicketCreatedPayload),
  updated: defineEvent('ticket.updated', 1, TicketUpdatedPayload),
  stateChanged: defineEvent('ticket.state_changed', 1, TicketStateChangedPayload),
  assigned: defineEvent('ticket.assigned', 1, TicketAssignedPayload),
  articleAdded: defineEvent('ticket.article_added', 1, TicketArticleAddedPayload),
  articleUpdated: defineEvent('ticket.article_updated', 1, TicketArticleUpdatedPayload),
  merged: defineEvent('ticket.merged', 1, TicketMergedPayload),
  linked: defineEvent('ticket.linked', 1, TicketLinkedPayload),
  pendingReminder: defineEvent('ticket.pending_reminder_reached', 1, TicketPendingReminderPayload),
} as const;
