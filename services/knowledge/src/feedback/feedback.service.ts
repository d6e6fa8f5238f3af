import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, actorRef } from '@deskflow/auth';
import { removeControlCharacters } from '../articles/article-content';
import { ArticleReaderService } from '../articles/article-reader.service';
import { Article } from '../articles/article.entity';
import { decodeCursor, encodeCursor, Page } from '../common/cursor';
import { readerScope } from '../common/reader-scope';
import { ArticleFeedback } from './article-feedback.entity';
import { CreateFeedbackDto, ListFeedbackDto } from './dto/feedback.dto';

export interface FeedbackCounts {
  helpfulCount: number;
  notHelpfulCount: number;
}

/** Helpful and not-helpful votes on articles, with optional comments. */
@Injectable()
export class FeedbackService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly articles: ArticleReaderService,
  ) {}

  /** Records a vote on an article the caller can read; the counters change in the same transaction. */
  async record(
    articleId: string,
    dto: CreateFeedbackDto,
    actor: Actor | undefined,
  ): Promise<FeedbackCounts> {
    await this.articles.get(articleId, readerScope(actor));
    const comment = dto.comment ? removeControlCharacters(dto.comment) : null;

    return this.dataSource.transaction(async (manager) => {
      await manager.insert(ArticleFeedback, {
        articleId,
        helpful: dto.helpful,
        comment: comment || null,
        actor: actor ? actorRef(actor) : 'anonymous',
      });
      await manager.increment(
        Article,
        { id: articleId },
        dto.helpful ? 'helpfulCount' : 'notHelpfulCount',
        1,
      );
      const counts = await manager.findOneOrFail(Article, {
        where: { id: articleId },
        select: { id: true, helpfulCount: true, notHelpfulCount: true },
      });

      return { helpfulCount: counts.helpfulCount, notHelpfulCount: counts.notHelpfulCount };
    });
  }

  /** Lists votes newest first. */
  async list(articleId: string, request: ListFeedbackDto): Promise<Page<ArticleFeedback>> {
    const limit = request.limit ?? 20;
    const query = this.dataSource
      .getRepository(ArticleFeedback)
      .createQueryBuilder('f')
      .where('f.articleId = :articleId', { articleId });
    if (request.cursor) {
      const position = decodeCursor(request.cursor, 'timestamp');
      query.andWhere('(f.createdAt, f.id) < (:createdAt, :id)', {
        createdAt: position.value,
        id: position.id,
      });
    }
    const rows = await query
      .orderBy('f.createdAt', 'DESC')
      .addOrderBy('f.id', 'DESC')
      .take(limit + 1)
      .getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];

    return {
      items,
      nextCursor:
        rows.length > limit
          ? encodeCursor({ value: last.createdAt.toISOString(), id: last.id })
          : null,
    };
  }
}
