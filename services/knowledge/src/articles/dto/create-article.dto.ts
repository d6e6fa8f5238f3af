import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { Visibility, VISIBILITIES } from '../article.entity';
import { ARTICLE_LIMITS, LOCALE_PATTERN, NormaliseKeywords, Trim } from './article-fields';

export class CreateArticleDto {
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(ARTICLE_LIMITS.titleLength)
  title!: string;

  @IsString()
  @MaxLength(ARTICLE_LIMITS.bodyLength)
  bodyMarkdown!: string;

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

  @IsOptional()
  @IsUUID()
  categoryId?: string | null;

  @IsString()
  @Matches(LOCALE_PATTERN, { message: 'locale must be a language tag such as de, en or de-AT' })
  locale!: string;

  @IsIn(VISIBILITIES)
  visibility!: Visibility;

  /** Id of an article in another locale that this one translates. */
  @IsOptional()
  @IsUUID()
  translationOf?: string;
}
