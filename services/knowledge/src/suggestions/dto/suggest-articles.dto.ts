import { Type } from 'class-transformer';
import {
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { LOCALE_PATTERN } from '../../articles/dto/article-fields';

export class SuggestArticlesDto {
  @IsString()
  @Matches(/\S/, { message: 'subject must contain at least one character that is not a space' })
  @MaxLength(1_000)
  subject!: string;

  /** Ticket body; only its first 5,000 characters are used. */
  @IsOptional()
  @IsString()
  @MaxLength(200_000)
  body?: string;

  @IsOptional()
  @Matches(LOCALE_PATTERN, { message: 'locale must be a language tag such as de, en or de-AT' })
  locale?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  limit?: number;
}

export class LinkSolutionDto {
  @IsUUID()
  @IsNotEmpty()
  ticketId!: string;
}
