import { versionEtag } from '@deskflow/http';
import { Article, ArticleStatus, Visibility } from './article.entity';
import { ArticleVersion } from './article-version.entity';

export interface TranslationRef {
  id: string;
  locale: string;
  title: string;
}

/** An article as the API returns it. */
export interface ArticleView {
  id: string;
  locale: string;
  title: string;
  summary: string;
  keywords: string[];
  bodyMarkdown: string;
  bodyHtml: string;
  categoryId: string | null;
  visibility: Visibility;
  status: ArticleStatus;
  /** Number of the current published version; null while never published. */
  publishedVersion: number | null;
  etag: string;
  importKey: string | null;
  authorId?: string;
  updatedById?: string;
  viewCount: number;
  helpfulCount: number;
  notHelpfulCount: number;
  solutionLinkCount: number;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  archivedAt: string | null;
  translations?: TranslationRef[];
}

/** Maps an article to its API form; author ids are shown to staff only. */
export function toArticleView(
  article: Article,
  staff: boolean,
  translations?: TranslationRef[],
): ArticleView {
  return {
    id: article.id,
    locale: article.locale,
    title: article.title,
    summary: article.summary,
    keywords: article.keywords,
    bodyMarkdown: article.bodyMarkdown,
    bodyHtml: article.bodyHtml,
    categoryId: article.categoryId,
    visibility: article.visibility,
    status: article.status,
    publishedVersion: article.publishedVersion,
    etag: versionEtag(article.rowVersion),
    importKey: staff ? article.importKey : null,
    ...(staff ? { authorId: article.authorId, updatedById: article.updatedById } : {}),
    viewCount: article.viewCount,
    helpfulCount: article.helpfulCount,
    notHelpfulCount: article.notHelpfulCount,
    solutionLinkCount: article.solutionLinkCount,
    createdAt: article.createdAt.toISOString(),
    updatedAt: article.updatedAt.toISOString(),
    publishedAt: article.publishedAt?.toISOString() ?? null,
    archivedAt: article.archivedAt?.toISOString() ?? null,
    ...(translations ? { translations } : {}),
  };
}

export function toVersionView(version: ArticleVersion) {
  return {
    version: version.version,
    title: version.title,
    summary: version.summary,
    keywords: version.keywords,
    bodyMarkdown: version.bodyMarkdown,
    categoryId: version.categoryId,
    visibility: version.visibility,
    locale: version.locale,
    publishedById: version.publishedById,
    publishedAt: version.publishedAt.toISOString(),
  };
}
