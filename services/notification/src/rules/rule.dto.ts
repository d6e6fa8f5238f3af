import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  ARTICLE_KINDS,
  SENDER_TYPES,
  SLA_CLOCK_KINDS,
  TICKET_PRIORITIES,
  TICKET_STATE_TYPES,
  ARTICLE_VISIBILITIES,
} from '@deskflow/contracts';
import {
  RECIPIENT_ROLES,
  RULE_CHANNELS,
  RecipientRole,
  RuleChannel,
} from './notification-rule.entity';

/** Event types rules can react to: the ticket and SLA events this service consumes. */
export const RULE_EVENT_TYPES = [
  'ticket.created',
  'ticket.updated',
  'ticket.state_changed',
  'ticket.assigned',
  'ticket.article_added',
  'ticket.merged',
  'ticket.pending_reminder_reached',
  'sla.warning',
  'sla.breached',
] as const;
export type RuleEventType = (typeof RULE_EVENT_TYPES)[number];

export class RuleConditionsDto {
  @IsOptional()
  @IsArray()
  @IsIn(TICKET_PRIORITIES, { each: true })
  priorities?: string[];

  @IsOptional()
  @IsArray()
  @IsUUID('all', { each: true })
  queueIds?: string[];

  @IsOptional()
  @IsArray()
  @IsIn(SENDER_TYPES, { each: true })
  senderTypes?: string[];

  @IsOptional()
  @IsArray()
  @IsIn(ARTICLE_VISIBILITIES, { each: true })
  visibilities?: string[];

  @IsOptional()
  @IsArray()
  @IsIn(ARTICLE_KINDS, { each: true })
  articleKinds?: string[];

  @IsOptional()
  @IsArray()
  @IsIn(TICKET_STATE_TYPES, { each: true })
  toStateTypes?: string[];

  @IsOptional()
  @IsArray()
  @IsIn(SLA_CLOCK_KINDS, { each: true })
  clockKinds?: string[];

  @IsOptional()
  @IsBoolean()
  unassigned?: boolean;
}

export class CreateRuleDto {
  @IsString()
  @Length(1, 200)
  name!: string;

  @IsIn(RULE_EVENT_TYPES)
  eventType!: RuleEventType;

  @IsArray()
  @ArrayUnique()
  @IsIn(RECIPIENT_ROLES, { each: true })
  recipients!: RecipientRole[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  agentIds?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsEmail({}, { each: true })
  emails?: string[];

  @IsOptional()
  @ValidateNested()
  @Type(() => RuleConditionsDto)
  conditions?: RuleConditionsDto;

  @IsString()
  @Matches(/^[a-z][a-z0-9_]{0,63}$/, {
    message: 'templateKey must be lower-case letters, digits and underscores',
  })
  templateKey!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(RULE_CHANNELS, { each: true })
  channels!: RuleChannel[];

  @IsOptional()
  @IsBoolean()
  includeActor?: boolean;

  /** Whether a burst may fold its mails into a digest; false by default for SLA warnings and breaches. */
  @IsOptional()
  @IsBoolean()
  digestible?: boolean;

  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ description: 'Rules run in ascending position' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  position?: number;
}

/** Every field of a rule but its event type, each optional. */
export class UpdateRuleDto extends PartialType(OmitType(CreateRuleDto, ['eventType'] as const)) {}

export class RuleListQuery {
  @IsOptional()
  @IsIn(RULE_EVENT_TYPES)
  eventType?: RuleEventType;
}
