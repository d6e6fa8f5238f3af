import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  ORGANISATION_TIERS,
  SLA_CLOCK_KINDS,
  SlaClockKind,
  TICKET_PRIORITIES,
  TICKET_STATE_TYPES,
  TICKET_TYPES,
  TicketPriority,
  TicketStateType,
  TicketType,
} from '@deskflow/contracts';

const MAX_TARGET_MINUTES = 366 * 24 * 60;

export class WarningThresholdDto {
  @ApiPropertyOptional({
    type: 'integer',
    description: 'Warn when this share of the target (percent) has passed',
    example: 80,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(99)
  percent?: number;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'Warn this many business minutes before the due time',
    example: 15,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_TARGET_MINUTES)
  leadMinutes?: number;
}

export class CreatePolicyDto {
  @ApiProperty()
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({
    description: 'Matching order, lowest first; defaults to after the last policy',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  position?: number;

  @ApiPropertyOptional({
    description: 'Applies when no other active policy matches; one active default at a time',
  })
  @IsOptional()
  @IsBoolean()
  isDefault?: boolean;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({
    enum: TICKET_PRIORITIES,
    isArray: true,
    description: 'Empty matches any priority',
  })
  @IsOptional()
  @IsArray()
  @IsIn(TICKET_PRIORITIES, { each: true })
  priorities?: TicketPriority[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  queueIds?: string[];

  @ApiPropertyOptional({ enum: TICKET_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(TICKET_TYPES, { each: true })
  types?: TicketType[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  organisationIds?: string[];

  @ApiPropertyOptional({ enum: ORGANISATION_TIERS, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(ORGANISATION_TIERS, { each: true })
  organisationTiers?: string[];

  @ApiProperty()
  @IsUUID()
  calendarId!: string;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'Business minutes; null or absent runs no first-response clock',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_TARGET_MINUTES)
  firstResponseMinutes?: number | null;

  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_TARGET_MINUTES)
  nextResponseMinutes?: number | null;

  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_TARGET_MINUTES)
  resolutionMinutes?: number | null;

  @ApiPropertyOptional({
    type: [WarningThresholdDto],
    description: 'Defaults to one warning at 80 %',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => WarningThresholdDto)
  warnings?: WarningThresholdDto[];

  @ApiPropertyOptional({
    enum: TICKET_STATE_TYPES,
    isArray: true,
    description: 'Defaults to the pending state types',
  })
  @IsOptional()
  @IsArray()
  @IsIn(TICKET_STATE_TYPES, { each: true })
  pauseStateTypes?: TicketStateType[];

  @ApiPropertyOptional({
    enum: SLA_CLOCK_KINDS,
    isArray: true,
    description: 'Clocks that pause; defaults to all',
  })
  @IsOptional()
  @IsArray()
  @IsIn(SLA_CLOCK_KINDS, { each: true })
  pausedClocks?: SlaClockKind[];

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  publicNotesCount?: boolean;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  resumeOnReopen?: boolean;
}

export class UpdatePolicyDto extends PartialType(CreatePolicyDto) {}
