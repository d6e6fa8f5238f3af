import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  ARTICLE_STATUSES,
  ArticleStatus,
  Visibility,
  VISIBILITIES,
} from '../../articles/article.entity';
import { LOCALE_PATTERN } from '../../articles/dto/article-fields';

/** Maximum length of a search query in characters. A pasted error message fits easily. */
export const MAX_QUERY_LENGTH = 1_000;

export class SearchArticlesDto {
  @IsString()
  @Matches(/\S/, { message: 'q must contain at least one character that is not a space' })
  @MaxLength(MAX_QUERY_LENGTH, { message: `q must be at most ${MAX_QUERY_LENGTH} characters long` })
  q!: string;

  /** Searches one locale with its stemming; without it every locale is searched. */
  @IsOptional()
  @Matches(LOCALE_PATTERN, { message: 'locale must be a language tag such as de, en or de-AT' })
  locale?: string;

  /** Staff only; readers always get published articles. Defaults to published. */
  @IsOptional()
  @IsIn(ARTICLE_STATUSES)
  status?: ArticleStatus;

  @IsOptional()
  @IsIn(VISIBILITIES)
  visibility?: Visibility;

  /** Limits results to this category and its subcategories. */
  @IsOptional()
  @IsUUID()
  categoryId?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}
