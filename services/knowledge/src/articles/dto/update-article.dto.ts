import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { Visibility, VISIBILITIES } from '../article.entity';
import { ARTICLE_LIMITS, NormaliseKeywords, Trim } from './article-fields';

/** A partial change of an article's content. The locale of an article never changes. */
export class UpdateArticleDto {
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(ARTICLE_LIMITS.titleLength)
  title?: string;

  @IsOptional()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.bodyLength)
  bodyMarkdown?: string;

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.summaryLength)
  summary?: string;

  @IsOptional()
  @NormaliseKeywords()
  @IsArray()
  @ArrayMaxSize(ARTICLE_LIMITS.keywordCount)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(ARTICLE_LIMITS.keywordLength, { each: true })
  keywords?: string[];

  /** A category id, or null to remove the article from its category. */
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsUUID()
  categoryId?: string | null;

  @IsOptional()
  @IsIn(VISIBILITIES)
  visibility?: Visibility;
}
