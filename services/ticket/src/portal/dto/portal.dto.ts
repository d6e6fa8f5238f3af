import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { TICKET_TYPES, TicketType } from '@deskflow/contracts';
import { IMPACT_LEVELS, ImpactLevel } from '../../tickets/priority-matrix';

export class PortalCreateTicketDto {
  // A title of only spaces would otherwise be stored empty after trimming.
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  title!: string;

  @IsString()
  @Matches(/\S/, { message: 'body must contain text other than whitespace' })
  @MaxLength(100_000)
  body!: string;

  @IsOptional()
  @IsIn(TICKET_TYPES)
  type?: TicketType;

  @IsOptional()
  @IsIn(IMPACT_LEVELS)
  impact?: ImpactLevel;

  @IsOptional()
  @IsIn(IMPACT_LEVELS)
  urgency?: ImpactLevel;

  /** Knowledge articles the customer read before asking, so agents see what did not help. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  knowledgeArticleIds?: string[];
}

export class PortalReplyDto {
  @IsString()
  @Matches(/\S/, { message: 'body must contain text other than whitespace' })
  @MaxLength(100_000)
  body!: string;
}

export class PortalRatingDto {
  @IsInt()
  @Min(1)
  @Max(5)
  rating!: number;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  comment?: string;
}

export class PortalListQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  /** The `nextCursor` of the previous page. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, {
    message: 'cursor must be the nextCursor of a previous page',
  })
  cursor?: string;
}
