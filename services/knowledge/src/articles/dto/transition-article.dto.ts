import { IsIn } from 'class-validator';
import { ARTICLE_STATUSES, ArticleStatus } from '../article.entity';

export class TransitionArticleDto {
  @IsIn(ARTICLE_STATUSES)
  status!: ArticleStatus;
}
