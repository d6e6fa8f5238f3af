import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Actor, actorRef } from '@deskflow/auth';
import { EventDefinition, KnowledgeArticlePayload, KnowledgeEvents } from '@deskflow/contracts';
import {
  assertIfMatch,
  IfMatchCondition,
  NotFoundError,
  ValidationFailedError,
  versionEtag,
} from '@deskflow/http';
import { Outbox } from '@deskflow/messaging';
import { Category } from '../categories/category.entity';
import { KnowledgeConflictError, KnowledgeErrorCode } from '../common/knowledge.error';
import {
  ArticleContent,
  hashContent,
  removeControlCharacters,
  renderBody,
} from './article-content';
import { articlePayload } from './article-events';
import { Article, ArticleStatus } from './article.entity';
import { ArticleVersion } from './article-version.entity';
import { assertTransition } from './article-workflow';

/** Everything needed to create an article. */
export interface NewArticle extends ArticleContent {
  translationOf?: string;
  /** Group id to join directly, used by the import for its translation keys. */
  translationGroupId?: string;
  importKey?: string | null;
}

/**
 * Creates and changes articles. Each write locks the article row, checks If-Match, and records
 * its event in the outbox inside the same transaction.
 */
@Injectable()
export class ArticleWriterService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async create(input: NewArticle, actor: Actor): Promise<Article> {
    return this.dataSource.transaction((manager) => this.insert(manager, input, actor));
  }

  async update(
    id: string,
    changes: Partial<ArticleContent>,
    ifMatch: IfMatchCondition | undefined,
    actor: Actor,
  ) {
    return this.dataSource.transaction(async (manager) => {
      const article = await this.lock(manager, id);
      assertIfMatch(ifMatch, versionEtag(article.rowVersion), `article ${article.id}`);

      return this.applyChanges(manager, article, changes, actor);
    });
  }

  async transition(
    id: string,
    to: ArticleStatus,
    ifMatch: IfMatchCondition | undefined,
    actor: Actor,
  ) {
    return this.dataSource.transaction(async (manager) => {
      const article = await this.lock(manager, id);
      assertIfMatch(ifMatch, versionEtag(article.rowVersion), `article ${article.id}`);
      assertTransition(article.status, to);

      return this.moveTo(manager, article, to, actor);
    });
  }

  /** Makes the content of a published version the current content of the article. */
  async restore(id: string, version: number, ifMatch: IfMatchCondition | undefined, actor: Actor) {
    return this.dataSource.transaction(async (manager) => {
      const article = await this.lock(manager, id);
      assertIfMatch(ifMatch, versionEtag(article.rowVersion), `article ${article.id}`);
      const stored = await manager.findOneBy(ArticleVersion, { articleId: id, version });
      if (!stored) throw new NotFoundError(`version ${version} of article ${id}`);

      const { title, summary, keywords, bodyMarkdown, categoryId, visibility } = stored;
      const categoryExists =
        categoryId === null || (await manager.existsBy(Category, { id: categoryId }));

      return this.applyChanges(
        manager,
        article,
        {
          title,
          summary,
          keywords,
          bodyMarkdown,
          visibility,
          categoryId: categoryExists ? categoryId : null,
        },
        actor,
      );
    });
  }

  async lock(manager: EntityManager, id: string): Promise<Article> {
    const article = await manager.findOne(Article, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!article) throw new NotFoundError(`article ${id}`);

    return article;
  }

  async insert(manager: EntityManager, input: NewArticle, actor: Actor): Promise<Article> {
    const translationGroupId =
      input.translationGroupId ?? (await this.translationGroup(manager, input));
    await this.assertCategory(manager, input.categoryId);
    const content = cleanContent(input);
    const now = new Date();
    const article = manager.create(Article, {
      ...content,
      ...renderBody(content.bodyMarkdown),
      id: randomUUID(),
      importKey: input.importKey ?? null,
      translationGroupId,
      status: 'draft',
      rowVersion: 1,
      publishedVersion: null,
      contentHash: hashContent(content),
      authorId: actor.id,
      updatedById: actor.id,
      viewCount: 0,
      helpfulCount: 0,
      notHelpfulCount: 0,
      solutionLinkCount: 0,
      createdAt: now,
      updatedAt: now,
      publishedAt: null,
      archivedAt: null,
    });
    try {
      await manager.insert(Article, article);
    } catch (error) {
      throw translateUniqueViolation(error, content.locale);
    }

    return article;
  }

  /**
   * Applies a content change. A published article publishes the change at once as its next
   * version; an unchanged content hash leaves the article and its ETag as they are.
   */
  async applyChanges(
    manager: EntityManager,
    article: Article,
    changes: Partial<ArticleContent>,
    actor: Actor,
  ): Promise<Article> {
    if (article.status === 'archived') {
      throw new KnowledgeConflictError(
        KnowledgeErrorCode.ArticleNotEditable,
        `article ${article.id} is archived; move it to draft before editing`,
        [{ field: 'status', reason: 'archived articles are read-only; allowed transition: draft' }],
      );
    }
    if (changes.categoryId) await this.assertCategory(manager, changes.categoryId);

    const content = cleanContent({
      ...article,
      ...withoutUndefined(changes),
      locale: article.locale,
    });
    const contentHash = hashContent(content);
    if (contentHash === article.contentHash) return article;

    const rendered =
      content.bodyMarkdown === article.bodyMarkdown ? {} : renderBody(content.bodyMarkdown);
    Object.assign(article, content, rendered, { contentHash });

    return this.save(
      manager,
      article,
      actor,
      article.status === 'published' ? KnowledgeEvents.updated : null,
    );
  }

  /** Sets the status without checking the workflow; callers check it, or are the trusted import. */
  async moveTo(manager: EntityManager, article: Article, to: ArticleStatus, actor: Actor) {
    article.status = to;
    if (to === 'published') {
      article.publishedAt = new Date();
      article.archivedAt = null;

      return this.save(manager, article, actor, KnowledgeEvents.published);
    }
    if (to === 'archived') {
      article.archivedAt = new Date();

      return this.save(manager, article, actor, KnowledgeEvents.archived);
    }

    return this.save(manager, article, actor, null);
  }

  /** Saves the row with the next row version; publishing events also add a version. */
  private async save(
    manager: EntityManager,
    article: Article,
    actor: Actor,
    event: EventDefinition<KnowledgeArticlePayload> | null,
  ): Promise<Article> {
    article.rowVersion += 1;
    article.updatedAt = new Date();
    article.updatedById = actor.id;
    if (event && event !== KnowledgeEvents.archived) {
      article.publishedVersion = (article.publishedVersion ?? 0) + 1;
      await manager.insert(ArticleVersion, versionOf(article, actor));
    }
    const { id, ...columns } = article;
    await manager.update(Article, { id }, columns);
    if (event) {
      await this.outbox.record(manager, event, {
        subject: article.id,
        actor: actorRef(actor),
        data: articlePayload(article),
      });
    }

    return article;
  }

  private async translationGroup(manager: EntityManager, input: NewArticle): Promise<string> {
    if (!input.translationOf) return randomUUID();

    const original = await manager.findOne(Article, {
      where: { id: input.translationOf },
      select: { id: true, translationGroupId: true },
    });
    if (!original) {
      throw new ValidationFailedError([
        { field: 'translationOf', reason: `article ${input.translationOf} not found` },
      ]);
    }

    return original.translationGroupId;
  }

  private async assertCategory(manager: EntityManager, categoryId: string | null | undefined) {
    if (!categoryId || (await manager.existsBy(Category, { id: categoryId }))) return;

    throw new ValidationFailedError([
      { field: 'categoryId', reason: `category ${categoryId} not found` },
    ]);
  }
}

function cleanContent(content: ArticleContent): ArticleContent {
  return {
    title: removeControlCharacters(content.title),
    summary: removeControlCharacters(content.summary),
    keywords: content.keywords.map(removeControlCharacters),
    bodyMarkdown: removeControlCharacters(content.bodyMarkdown),
    categoryId: content.categoryId ?? null,
    visibility: content.visibility,
    locale: content.locale,
  };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, field]) => field !== undefined),
  ) as Partial<T>;
}

function versionOf(article: Article, actor: Actor): ArticleVersion {
  return {
    articleId: article.id,
    version: article.publishedVersion!,
    title: article.title,
    summary: article.summary,
    keywords: article.keywords,
    bodyMarkdown: article.bodyMarkdown,
    categoryId: article.categoryId,
    visibility: article.visibility,
    locale: article.locale,
    publishedById: actor.id,
    publishedAt: article.updatedAt,
  };
}

function translateUniqueViolation(error: unknown, locale: string): unknown {
  const driverError =
    error instanceof QueryFailedError
      ? (error.driverError as { code?: string; constraint?: string })
      : undefined;
  if (driverError?.code !== '23505') return error;

  if (driverError.constraint === 'uq_article_translation_locale') {
    return new KnowledgeConflictError(
      KnowledgeErrorCode.TranslationExists,
      `the translation group already has an article in locale ${locale}; edit that article instead`,
      [{ field: 'locale', reason: `a translation in ${locale} exists` }],
    );
  }

  return new KnowledgeConflictError(
    KnowledgeErrorCode.ImportKeyExists,
    'an article with this import key exists',
    [{ field: 'importKey', reason: 'already used' }],
  );
}
