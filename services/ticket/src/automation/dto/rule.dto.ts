import { PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  Channel,
  CHANNELS,
  TICKET_PRIORITIES,
  TICKET_TYPES,
  TicketPriority,
  TicketType,
} from '@deskflow/contracts';
import { IMPACT_LEVELS, ImpactLevel } from '../../tickets/priority-matrix';
import {
  CONDITION_FIELDS,
  CONDITION_OPERATORS,
  ConditionField,
  ConditionOperator,
  RULE_MATCH_MODES,
  RULE_TRIGGERS,
  RuleMatchMode,
  RuleTrigger,
} from '../rule-model';

export class RuleConditionDto {
  @IsIn(CONDITION_FIELDS)
  field!: ConditionField;

  @IsIn(CONDITION_OPERATORS)
  operator!: ConditionOperator;

  /** Keywords, patterns or listed values; empty for `exists` and `not_exists`. */
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  values!: string[];

  @IsOptional()
  @Matches(/^[a-z][a-zA-Z0-9_]{0,62}$/, { message: 'key must be a custom field key' })
  key?: string;

  @IsOptional()
  @Matches(/^[imsu]{0,4}$/, { message: 'flags must be a combination of i, m, s and u' })
  flags?: string;
}

export class RuleActionsDto {
  @IsOptional()
  @IsIn(IMPACT_LEVELS)
  impact?: ImpactLevel;

  @IsOptional()
  @IsIn(IMPACT_LEVELS)
  urgency?: ImpactLevel;

  @IsOptional()
  @IsIn(TICKET_PRIORITIES)
  priority?: TicketPriority;

  @IsOptional()
  @IsUUID()
  queueId?: string;

  @IsOptional()
  @IsIn(TICKET_TYPES)
  type?: TicketType;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(64, { each: true })
  addTags?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  removeTags?: string[];

  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(10000)
  internalNote?: string;
}

export class CreateRuleDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  /** Position of the rule among the others; appended after the last rule when absent. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  position?: number;

  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(RULE_TRIGGERS, { each: true })
  triggers!: RuleTrigger[];

  @IsOptional()
  @IsIn(RULE_MATCH_MODES)
  match?: RuleMatchMode;

  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RuleConditionDto)
  conditions!: RuleConditionDto[];

  @ValidateNested()
  @Type(() => RuleActionsDto)
  actions!: RuleActionsDto;

  @IsOptional()
  @IsBoolean()
  stopProcessing?: boolean;
}

export class UpdateRuleDto extends PartialType(CreateRuleDto) {}

/** A ticket that does not exist yet, for a dry run. */
export class DraftTicketDto {
  @IsString()
  @MaxLength(255)
  title!: string;

  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  body?: string;

  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @IsOptional()
  @IsUUID()
  customerId?: string;

  @IsOptional()
  @IsUUID()
  queueId?: string;

  @IsOptional()
  @IsIn(TICKET_TYPES)
  type?: TicketType;

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  tags?: string[];

  @IsOptional()
  @IsObject()
  customFields?: Record<string, string | number | boolean>;
}

export class DryRunDto {
  /** An existing ticket's UUID or number; give this or `draft`. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  ticketId?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => DraftTicketDto)
  draft?: DraftTicketDto;

  @IsOptional()
  @IsIn(RULE_TRIGGERS)
  trigger?: RuleTrigger;
}
