import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '@deskflow/auth';
import { AppError } from '@deskflow/http';
import { ArticleContent } from '../articles/article-content';
import { ArticleWriterService } from '../articles/article-writer.service';
import { Article } from '../articles/article.entity';
import { CreateArticleDto } from '../articles/dto/create-article.dto';
import { CategoriesService } from '../categories/categories.service';
import { ArticleSource, ArticleSourceError, parseArticleSource } from './article-source.parser';
import {
  IMPORT_STATUSES,
  ImportArticlesDto,
  ImportFileDto,
  ImportStatus,
} from './dto/import-articles.dto';

export type ImportOutcome = 'created' | 'updated' | 'unchanged' | 'failed';

export interface ImportItem {
  path: string;
  key?: string;
  articleId?: string;
  outcome: ImportOutcome;
  reason?: string;
}

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  items: ImportItem[];
}

/**
 * Imports Markdown files as articles, idempotent by key: a known key updates its article, an
 * unchanged file changes nothing. Each file has its own transaction, so one bad file does not
 * stop the others; the report names it with the reason.
 */
@Injectable()
export class ImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: ArticleWriterService,
    private readonly categories: CategoriesService,
  ) {}

  async importFiles(request: ImportArticlesDto, actor: Actor): Promise<ImportReport> {
    const items: ImportItem[] = [];
    for (const file of request.files) {
      items.push(await this.importFile(file, request, actor));
    }
    const count = (outcome: ImportOutcome) =>
      items.filter((item) => item.outcome === outcome).length;

    return {
      created: count('created'),
      updated: count('updated'),
      unchanged: count('unchanged'),
      failed: count('failed'),
      items,
    };
  }

  private async importFile(
    file: ImportFileDto,
    request: ImportArticlesDto,
    actor: Actor,
  ): Promise<ImportItem> {
    let key: string | undefined;
    try {
      const source = parseArticleSource(file.path, file.content, request.defaults);
      key = source.key;
      await assertValid(source);
      const { articleId, outcome } = await this.importSource(source, actor);

      return { path: file.path, key, articleId, outcome };
    } catch (error) {
      if (error instanceof ArticleSourceError || error instanceof AppError) {
        return { path: file.path, key, outcome: 'failed', reason: error.message };
      }
      throw error;
    }
  }

  private async importSource(source: ArticleSource, actor: Actor) {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `knowledge:import:${source.key}`,
      ]);
      const categoryId = source.category
        ? await this.categories.ensurePath(manager, source.category)
        : null;
      const content = {
        title: source.title,
        summary: source.summary,
        keywords: source.keywords,
        bodyMarkdown: source.bodyMarkdown,
        categoryId,
        visibility: source.visibility as Article['visibility'],
        locale: source.locale,
      };
      const existing = await manager.findOne(Article, {
        where: { importKey: source.key },
        lock: { mode: 'pessimistic_write' },
      });
      if (!existing) {
        const translationGroupId = source.translationGroupId ?? undefined;
        const article = await this.writer.insert(
          manager,
          { ...content, importKey: source.key, translationGroupId },
          actor,
        );
        if (source.status === 'published')
          await this.writer.moveTo(manager, article, 'published', actor);

        return { articleId: article.id, outcome: 'created' as const };
      }
      if (existing.locale !== source.locale) {
        throw new ArticleSourceError(
          `locale changed from ${existing.locale} to ${source.locale}; give the file a new key`,
        );
      }

      const rowVersion = existing.rowVersion;
      await this.updateExisting(manager, existing, content, source.status as ImportStatus, actor);

      return {
        articleId: existing.id,
        outcome: existing.rowVersion === rowVersion ? ('unchanged' as const) : ('updated' as const),
      };
    });
  }

  /**
   * Applies a file to the article it imported before, status included. The import is trusted
   * to reopen an archived article; publishing adds a version as a transition would. A published
   * article cannot go back to draft by import, because the workflow has no such step.
   */
  private async updateExisting(
    manager: EntityManager,
    article: Article,
    content: ArticleContent,
    status: ImportStatus,
    actor: Actor,
  ): Promise<void> {
    if (status === 'draft' && article.status === 'published') {
      throw new ArticleSourceError(
        'invalid status: the article is published and the file sets status: draft; set status: published to update it, or archive the article first',
      );
    }
    if (article.status === 'archived' || (status === 'draft' && article.status === 'review')) {
      await this.writer.moveTo(manager, article, 'draft', actor);
    }
    await this.writer.applyChanges(manager, article, content, actor);
    if (status === 'published' && article.status !== 'published') {
      await this.writer.moveTo(manager, article, 'published', actor);
    }
  }
}

/** Checks an imported article against the same rules as one created through the API. */
async function assertValid(source: ArticleSource): Promise<void> {
  const dto = plainToInstance(CreateArticleDto, {
    title: source.title,
    bodyMarkdown: source.bodyMarkdown,
    summary: source.summary,
    keywords: source.keywords,
    locale: source.locale,
    visibility: source.visibility,
  });
  const errors = await validate(dto, { whitelist: true });
  const reasons = errors.flatMap((error) => Object.values(error.constraints ?? {}));
  if (!(IMPORT_STATUSES as readonly string[]).includes(source.status)) {
    reasons.push(`status must be one of ${IMPORT_STATUSES.join(', ')}`);
  }
  if (reasons.length > 0) throw new ArticleSourceError(reasons.join('; '));
}
