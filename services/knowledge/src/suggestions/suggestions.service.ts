import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, actorRef } from '@deskflow/auth';
import { KnowledgeEvents } from '@deskflow/contracts';
import { NotFoundError } from '@deskflow/http';
import { Outbox } from '@deskflow/messaging';
import { searchableText } from '../search/search-terms';
import { Article } from '../articles/article.entity';
import { ReaderScope } from '../common/reader-scope';
import { SearchPool } from '../search/search-pool';
import { SuggestArticlesDto } from './dto/suggest-articles.dto';
import { SolutionLink } from './solution-link.entity';
import { SUGGESTION_SQL } from './suggestion-sql';

export interface Suggestion {
  id: string;
  title: string;
  summary: string;
  locale: string;
  visibility: string;
  categoryId: string | null;
  solutionLinkCount: number;
  score: number;
}

export interface SolutionLinkResult {
  articleId: string;
  ticketId: string;
  linkedAt: string;
  solutionLinkCount: number;
  /** False when the ticket was already linked to the article. */
  created: boolean;
}

/** Article suggestions for a ticket, and the record of which articles solved which tickets. */
@Injectable()
export class SuggestionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly searchPool: SearchPool,
  ) {}

  async suggest(request: SuggestArticlesDto, scope: ReaderScope): Promise<Suggestion[]> {
    return this.searchPool.query<Suggestion>(SUGGESTION_SQL, [
      searchableText(request.subject),
      searchableText(request.body ?? ''),
      request.locale ?? null,
      scope.staff ? null : 'public',
      request.limit ?? 5,
    ]);
  }

  /** Links an article to a ticket once; only a new link counts and emits an event. */
  async link(articleId: string, ticketId: string, actor: Actor): Promise<SolutionLinkResult> {
    return this.dataSource.transaction(async (manager) => {
      const article = await manager.findOne(Article, {
        where: { id: articleId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!article) throw new NotFoundError(`article ${articleId}`);

      const inserted: Array<{ linked_at: Date }> = await manager.query(
        `INSERT INTO "knowledge"."solution_link" ("article_id", "ticket_id", "linked_by_id") VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING "linked_at"`,
        [articleId, ticketId, actor.id],
      );
      if (inserted.length === 0) {
        const existing = await manager.findOneByOrFail(SolutionLink, { articleId, ticketId });

        return this.result(existing, article.solutionLinkCount, false);
      }

      const linkedAt = inserted[0].linked_at;
      await manager.increment(Article, { id: articleId }, 'solutionLinkCount', 1);
      await this.outbox.record(manager, KnowledgeEvents.solutionLinked, {
        subject: articleId,
        actor: actorRef(actor),
        data: { articleId, ticketId, linkedAt: linkedAt.toISOString() },
      });

      return this.result({ articleId, ticketId, linkedAt }, article.solutionLinkCount + 1, true);
    });
  }

  async unlink(articleId: string, ticketId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const deleted = await manager.delete(SolutionLink, { articleId, ticketId });
      if (!deleted.affected)
        throw new NotFoundError(`solution link of article ${articleId} to ticket ${ticketId}`);

      await manager.decrement(Article, { id: articleId }, 'solutionLinkCount', 1);
    });
  }

  async links(articleId: string): Promise<SolutionLink[]> {
    return this.dataSource
      .getRepository(SolutionLink)
      .find({ where: { articleId }, order: { linkedAt: 'DESC', ticketId: 'ASC' } });
  }

  private result(
    link: Pick<SolutionLink, 'articleId' | 'ticketId' | 'linkedAt'>,
    count: number,
    created: boolean,
  ) {
    return {
      articleId: link.articleId,
      ticketId: link.ticketId,
      linkedAt: link.linkedAt.toISOString(),
      solutionLinkCount: count,
      created,
    };
  }
}
