import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  Length,
  Matches,
} from 'class-validator';
import { IsKnownEventFilterList } from './webhook-event-types';
import { IsWebhookUrl } from './webhook-url';

const EVENT_FILTER = /^(\*|[a-z_]+(\.[a-z_]+)*(\.\*)?)$/;
const FILTER_MESSAGE =
  'each event type must be a type such as ticket.created, a prefix such as ticket.* or *';

export class CreateWebhookDto {
  @ApiProperty({ format: 'uri' })
  @IsWebhookUrl()
  url!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(EVENT_FILTER, { each: true, message: FILTER_MESSAGE })
  @IsKnownEventFilterList()
  eventTypes!: string[];

  /** Generated when absent; returned only in the response to the creation. */
  @IsOptional()
  @IsString()
  @Length(16, 200)
  secret?: string;
}

export class UpdateWebhookDto {
  @ApiPropertyOptional({ format: 'uri' })
  @IsOptional()
  @IsWebhookUrl()
  url?: string;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(EVENT_FILTER, { each: true, message: FILTER_MESSAGE })
  @IsKnownEventFilterList()
  eventTypes?: string[];

  @IsOptional()
  @IsString()
  @Length(16, 200)
  secret?: string;

  /** True re-enables a disabled subscription and resets its failure count. */
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
