import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ArticlesService } from '../../../articles/articles.service';
import { ArticleInput, WrittenArticle } from '../../../articles/article-writer.service';
import { SYSTEM_ACTOR } from '../../../common/ticket-actor';
import { Ticket } from '../../../tickets/ticket.entity';
import { TicketsService } from '../../../tickets/tickets.service';

export interface AppendOptions {
  /** Moves a closed ticket back to `open` first; the article service itself reopens pending and resolved ones. */
  reopen: boolean;
  /** Asks the notification service to send the sender no automatic reply. */
  suppressAutoReply: boolean;
}

/** Adds an article from a channel to an existing ticket in the caller's transaction, as the system. */
@Injectable()
export class InboundArticleWriter {
  constructor(
    private readonly tickets: TicketsService,
    private readonly articles: ArticlesService,
  ) {}

  async append(
    manager: EntityManager,
    ticketId: string,
    input: ArticleInput,
    options: AppendOptions,
  ): Promise<WrittenArticle> {
    let ticket = await manager.findOneOrFail(Ticket, {
      where: { id: ticketId },
      lock: { mode: 'pessimistic_write' },
    });
    if (options.reopen && ticket.stateType === 'closed') {
      ticket = (
        await this.tickets.updateIn(manager, SYSTEM_ACTOR, ticketId, undefined, { state: 'open' })
      ).ticket;
    }

    return this.articles.addIn(manager, SYSTEM_ACTOR, ticket, input, {
      suppressAutoReply: options.suppressAutoReply,
    });
  }
}
