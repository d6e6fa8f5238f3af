import { KnowledgeArticlePayload } from '@deskflow/contracts';
import { Article } from './article.entity';

/** Builds the event payload that describes an article's published state. */
export function articlePayload(article: Article): KnowledgeArticlePayload {
  return {
    articleId: article.id,
    version: article.publishedVersion ?? 1,
    title: article.title,
    locale: article.locale,
    visibility: article.visibility,
    categoryId: article.categoryId,
    keywords: article.keywords,
    changedAt: article.updatedAt.toISOString(),
  };
}
