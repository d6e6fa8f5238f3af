import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { TICKET_PRIORITIES, TICKET_TYPES, TicketPriority, TicketType } from '@deskflow/contracts';
import { IMPACT_LEVELS, ImpactLevel } from '../priority-matrix';

/**
 * Fields that both creating and updating a ticket accept. Each subclass declares `title` and
 * `state` itself, because creation requires a title and accepts only initial states.
 */
export class TicketFieldsDto {
  @IsOptional()
  @IsUUID()
  queueId?: string;

  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  @IsOptional()
  @IsUUID()
  customerId?: string;

  @IsOptional()
  @IsIn(TICKET_PRIORITIES)
  priority?: TicketPriority | null;

  @IsOptional()
  @IsIn(IMPACT_LEVELS)
  impact?: ImpactLevel | null;

  @IsOptional()
  @IsIn(IMPACT_LEVELS)
  urgency?: ImpactLevel | null;

  @IsOptional()
  @IsIn(TICKET_TYPES)
  type?: TicketType;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(64, { each: true })
  tags?: string[];

  /** Values for the custom fields of the ticket's queue; null removes a value. */
  @IsOptional()
  @IsObject()
  customFields?: Record<string, unknown>;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  watcherIds?: string[];

  @IsOptional()
  @IsISO8601({ strict: true })
  pendingUntil?: string | null;
}
