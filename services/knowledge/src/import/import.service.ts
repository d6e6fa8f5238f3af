import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource } from 'typeorm';
import { Actor } from '@deskflow/auth';
import { AppError } from '@deskflow/http';
import { ArticleWriterService } from '../articles/article-writer.service';
import { Article } from '../articles/article.entity';
import { CreateArticleDto } from '../articles/dto/create-article.dto';
import { CategoriesService } from '../categories/categories.service';
import { ArticleSource, ArticleSourceError, parseArticleSource } from './article-source.parser';
import { IMPORT_STATUSES, ImportArticlesDto, ImportFileDto } from './dto/import-articles.dto';

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
    const count = (outcome: ImportOutcome) => items.filter((item) => item.outcome === outcome).length;

    return { created: count('created'), updated: count('updated'), unchanged: count('unchanged'), failed: count('failed'), items };
  }

  private async importFile(file: ImportFileDto, request: ImportArticlesDto, actor: Actor): Promise<ImportItem> {
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
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`knowledge:import:${source.key}`]);
      const categoryId = source.category ? await this.categories.ensurePath(manager, source.category) : null;
      const content = {
        title: source.title,
        summary: source.summary,
        keywords: source.keywords,
        bodyMarkdown: source.bodyMarkdown,
        categoryId,
        visibility: source.visibility as Article['visibility'],
        locale: source.locale,
      };
      const existing = await manager.findOne(Article, { where: { importKey: source.key }, lock: { mode: 'pessimistic_write' } });
      if (!existing) {
        const translationGroupId = source.translationGroupId ?? undefined;
        const article = await this.writer.insert(manager, { ...content, importKey: source.key, translationGroupId }, actor);
        if (source.status === 'published') await this.writer.moveTo(manager, article, 'published', actor);

        return { articleId: article.id, outcome: 'created' as const };
      }
      if (existing.locale !== source.locale) {
        throw new ArticleSourceError(`locale changed from ${existing.locale} to ${source.locale}; give the file a new key`);
      }
      const rowVersion = existing.rowVersion;
      const updated = await this.writer.applyChanges(manager, existing, content, actor);

      return { articleId: existing.id, outcome: updated.rowVersion === rowVersion ? ('unchanged' as const) : ('updated' as const) };
    });
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
