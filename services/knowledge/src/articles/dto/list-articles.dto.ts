import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { PageQueryDto } from '../../common/page-query.dto';
import { ARTICLE_STATUSES, ArticleStatus, Visibility, VISIBILITIES } from '../article.entity';
import { LOCALE_PATTERN } from './article-fields';

export const ARTICLE_SORTS = [
  'updatedAt',
  '-updatedAt',
  'createdAt',
  '-createdAt',
  'title',
  '-title',
  'viewCount',
  '-viewCount',
] as const;
export type ArticleSort = (typeof ARTICLE_SORTS)[number];

export class ListArticlesDto extends PageQueryDto {
  @IsOptional()
  @IsIn(ARTICLE_STATUSES)
  status?: ArticleStatus;

  @IsOptional()
  @IsIn(VISIBILITIES)
  visibility?: Visibility;

  @IsOptional()
  @Matches(LOCALE_PATTERN, { message: 'locale must be a language tag such as de, en or de-AT' })
  locale?: string;

  @IsOptional()
  @IsUUID()
  categoryId?: string;

  /** Sort key; a leading `-` sorts descending. Ties are ordered by id. */
  @IsOptional()
  @IsIn(ARTICLE_SORTS)
  sort?: ArticleSort;
}
