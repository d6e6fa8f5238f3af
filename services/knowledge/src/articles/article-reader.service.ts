import { Injectable } from '@nestjs/common';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { NotFoundError } from '@deskflow/http';
import { CursorValueKind, decodeCursor, encodeCursor, listKeyOf, Page } from '../common/cursor';
import { ReaderScope } from '../common/reader-scope';
import { Article } from './article.entity';
import { ArticleVersion } from './article-version.entity';
import { TranslationRef } from './article-view';
import { ArticleSort, ListArticlesDto } from './dto/list-articles.dto';

/** Each sort's column, and the kind of value it puts into cursors. */
const SORT_COLUMNS: Record<string, { property: keyof Article; kind: CursorValueKind }> = {
  updatedAt: { property: 'updatedAt', kind: 'timestamp' },
  createdAt: { property: 'createdAt', kind: 'timestamp' },
  title: { property: 'title', kind: 'text' },
  viewCount: { property: 'viewCount', kind: 'integer' },
};

/** Reads articles within what the caller may see: published public ones for non-staff. */
@Injectable()
export class ArticleReaderService {
  constructor(private readonly dataSource: DataSource) {}

  /** Finds a readable article; an article the caller may not see is reported as not found. */
  async get(id: string, scope: ReaderScope): Promise<Article> {
    const query = this.dataSource
      .getRepository(Article)
      .createQueryBuilder('a')
      .where('a.id = :id', { id });
    const article = await restrictToScope(query, scope).getOne();
    if (!article) throw new NotFoundError(`article ${id}`);

    return article;
  }

  /** Counts a read of a published article and returns the new count. */
  async countView(article: Article): Promise<number> {
    if (article.status !== 'published') return article.viewCount;

    // Wrapped in a SELECT because TypeORM returns [rows, count] for a bare UPDATE.
    const rows: Array<{ view_count: string }> = await this.dataSource.query(
      `WITH counted AS (
         UPDATE "knowledge"."article" SET "view_count" = "view_count" + 1 WHERE "id" = $1 RETURNING "view_count")
       SELECT "view_count" FROM counted`,
      [article.id],
    );

    return rows.length > 0 ? Number(rows[0].view_count) : article.viewCount;
  }

  async translations(article: Article, scope: ReaderScope): Promise<TranslationRef[]> {
    const query = this.dataSource
      .getRepository(Article)
      .createQueryBuilder('a')
      .select(['a.id', 'a.locale', 'a.title'])
      .where('a.translationGroupId = :group AND a.id <> :id', {
        group: article.translationGroupId,
        id: article.id,
      })
      .orderBy('a.locale');
    const rows = await restrictToScope(query, scope).getMany();

    return rows.map(({ id, locale, title }) => ({ id, locale, title }));
  }

  async list(filter: ListArticlesDto, scope: ReaderScope): Promise<Page<Article>> {
    const sort: ArticleSort = filter.sort ?? '-updatedAt';
    const descending = sort.startsWith('-');
    const { property, kind } = SORT_COLUMNS[sort.replace(/^-/, '')];
    const limit = filter.limit ?? 20;
    const query = restrictToScope(
      this.dataSource.getRepository(Article).createQueryBuilder('a'),
      scope,
    );
    const filters = ['status', 'visibility', 'locale', 'categoryId'] as const;
    for (const field of filters) {
      if (filter[field]) query.andWhere(`a.${field} = :${field}`, { [field]: filter[field] });
    }
    const listKey = listKeyOf([sort, ...filters.map((field) => filter[field] ?? null)]);
    if (filter.cursor) {
      const position = decodeCursor(filter.cursor, kind, listKey);
      query.andWhere(`(a.${property}, a.id) ${descending ? '<' : '>'} (:cursorValue, :cursorId)`, {
        cursorValue: position.value,
        cursorId: position.id,
      });
    }
    const direction = descending ? 'DESC' : 'ASC';
    const rows = await query
      .orderBy(`a.${property}`, direction)
      .addOrderBy('a.id', direction)
      .take(limit + 1)
      .getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const hasMore = rows.length > limit;

    return {
      items,
      nextCursor: hasMore
        ? encodeCursor({ value: cursorValue(last, property), id: last.id }, listKey)
        : null,
    };
  }

  async versions(articleId: string): Promise<ArticleVersion[]> {
    return this.dataSource
      .getRepository(ArticleVersion)
      .find({ where: { articleId }, order: { version: 'DESC' } });
  }

  async version(articleId: string, version: number): Promise<ArticleVersion> {
    const found = await this.dataSource
      .getRepository(ArticleVersion)
      .findOneBy({ articleId, version });
    if (!found) throw new NotFoundError(`version ${version} of article ${articleId}`);

    return found;
  }
}

/** Limits a query on alias `a` to the articles the caller may read. */
export function restrictToScope<T extends object>(
  query: SelectQueryBuilder<T>,
  scope: ReaderScope,
) {
  if (scope.staff) return query;

  return query.andWhere(`a.status = 'published' AND a.visibility = 'public'`);
}

function cursorValue(article: Article, property: keyof Article): string | number {
  const value = article[property];

  return value instanceof Date ? value.toISOString() : (value as string | number);
}
