import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { FieldChange, TicketEvents, TicketStateType } from '@deskflow/contracts';
import { ConflictError, IfMatchCondition, NotFoundError } from '@deskflow/http';
import { TicketAccessService } from '../access/ticket-access.service';
import { TicketActor } from '../common/ticket-actor';
import { QueuesService } from '../queues/queues.service';
import { ChangeSet } from '../tickets/change-set';
import { applyState } from '../tickets/state-change';
import { TicketMergedError } from '../tickets/ticket-states';
import { Ticket } from '../tickets/ticket.entity';
import { TicketEventsPublisher } from '../tickets/ticket-events.publisher';
import { TicketHooks } from '../tickets/ticket-hooks';
import { TicketsService } from '../tickets/tickets.service';
import { Customer } from '../people/customer.entity';
import { withCustomerSender } from './article-input';
import { toArticleSnapshot } from './article-presenter';
import {
  ArticleInput,
  ArticleWriter,
  countsAsResponse,
  WrittenArticle,
} from './article-writer.service';
import { Article } from './article.entity';
import { Attachment } from './attachment.entity';

/**
 * State types that a customer's message moves back to `open`. A closed ticket follows its
 * queue's policy instead (see `add`).
 */
const REOPENED_BY_CUSTOMER: TicketStateType[] = [
  'pending_reminder',
  'pending_customer',
  'resolved',
];

export interface AddArticleOptions {
  suppressAutoReply: boolean;
  /** Reopens a closed ticket too; set when the queue's policy for closed tickets is `reopen`. */
  reopenClosed?: boolean;
}

/** A customer message to a closed ticket whose queue takes such messages as a new ticket. */
export class TicketClosedError extends ConflictError {
  constructor(readonly ticket: Ticket) {
    super(
      'ticket_closed',
      `ticket ${ticket.number} is closed and its queue opens a follow-up ticket for new messages; create a new ticket that refers to it`,
      [{ field: 'ticketId', reason: 'closed; messages start a follow-up ticket' }],
    );
  }
}

export interface ArticleWithAttachments {
  article: Article;
  attachments: Attachment[];
}

/** Lists, adds and publishes articles of tickets the caller may see. */
@Injectable()
export class ArticlesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TicketAccessService,
    private readonly tickets: TicketsService,
    private readonly writer: ArticleWriter,
    private readonly events: TicketEventsPublisher,
    private readonly queues: QueuesService,
    private readonly hooks: TicketHooks,
  ) {}

  /** Articles in time order, including those moved here by merges; customers get public ones only. */
  async list(actor: TicketActor, ticketRef: string): Promise<ArticleWithAttachments[]> {
    this.access.requireScope(actor, 'tickets:read');
    const manager = this.dataSource.manager;
    const ticket = await this.access.findVisible(manager, actor, ticketRef);
    const articles = await manager.find(Article, {
      where: {
        ticketId: ticket.id,
        ...(this.access.seesInternal(actor) ? {} : { visibility: 'public' }),
      },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const attachments = await manager.find(Attachment, {
      where: { articleId: In(articles.map((article) => article.id)) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });

    return articles.map((article) => ({
      article,
      attachments: attachments.filter((attachment) => attachment.articleId === article.id),
    }));
  }

  /**
   * Adds an article in one transaction with its attachments, the ticket's new version, history
   * and the `ticket.article_added` event. A customer's message reopens a pending or resolved
   * ticket. On a closed ticket it follows the queue's policy: it reopens the ticket, or it
   * rejects the message with 409 so that the caller opens a follow-up ticket instead.
   */
  async add(
    actor: TicketActor,
    ticketRef: string,
    input: ArticleInput,
    ifMatch?: IfMatchCondition,
  ): Promise<WrittenArticle> {
    this.access.requireScope(actor, 'tickets:write');

    return this.dataSource.transaction(async (manager) => {
      const ticket = await this.access.findVisible(manager, actor, ticketRef, true);
      this.tickets.checkVersion(ticket, ifMatch);
      const reopenClosed = await this.mayReopenClosed(manager, ticket, input);
      const article = await this.withSender(manager, ticket, input);

      return this.addIn(manager, actor, ticket, article, {
        suppressAutoReply: false,
        reopenClosed,
      });
    });
  }

  /** Fills in the ticket customer's address on a customer article that an agent logs. */
  private async withSender(
    manager: EntityManager,
    ticket: Ticket,
    input: ArticleInput,
  ): Promise<ArticleInput> {
    if (input.senderType !== 'customer' || input.from !== undefined) return input;

    const customer = await manager.findOneByOrFail(Customer, { id: ticket.customerId });

    return withCustomerSender(input, customer.email);
  }

  private async mayReopenClosed(
    manager: EntityManager,
    ticket: Ticket,
    input: ArticleInput,
  ): Promise<boolean> {
    if (input.senderType !== 'customer' || ticket.stateType !== 'closed') return false;

    const policy = await this.queues.closedTicketReplyPolicy(manager, ticket.queueId);
    if (policy === 'follow_up') throw new TicketClosedError(ticket);

    return true;
  }

  /** The body of `add` for a ticket already locked in the caller's transaction. */
  async addIn(
    manager: EntityManager,
    actor: TicketActor,
    ticket: Ticket,
    input: ArticleInput,
    options: AddArticleOptions,
  ): Promise<WrittenArticle> {
    if (ticket.stateType === 'merged')
      throw new TicketMergedError(ticket.number, ticket.mergedIntoId);

    await this.access.assertCanWrite(manager, actor, ticket.queueId, 'ticketId');
    const now = new Date();
    const changes = new ChangeSet(ticket);
    const firstResponseBefore = ticket.firstResponseAt;
    const written = await this.writer.write(manager, ticket, input, now);
    if (input.senderType === 'customer') {
      const reopens =
        REOPENED_BY_CUSTOMER.includes(ticket.stateType) ||
        (options.reopenClosed === true && ticket.stateType === 'closed');
      if (reopens) applyState(ticket, changes, 'open', null, now);
      const update = { manager, actor, ticket, now, changes: changes.changes };
      await this.hooks.runOnUpdate(update, written.article.bodyText);
    }
    const derived: FieldChange[] =
      ticket.firstResponseAt !== firstResponseBefore
        ? [{ field: 'firstResponseAt', before: null, after: now.toISOString() }]
        : [];
    const refs = await this.tickets.commit(manager, actor, ticket, changes.changes, now, [
      ...derived,
      {
        field: 'article',
        before: null,
        after: {
          id: written.article.id,
          senderType: input.senderType,
          visibility: input.visibility,
        },
      },
    ]);
    await this.events.articleAdded(manager, actor, ticket, written.article, {
      refs,
      suppressAutoReply: options.suppressAutoReply,
    });

    return written;
  }

  /**
   * Makes an internal article public. The change counts from now: a first response it causes
   * is stamped with the time of the change, never the article's creation time.
   */
  async publish(
    actor: TicketActor,
    ticketRef: string,
    articleId: string,
  ): Promise<ArticleWithAttachments> {
    this.access.requireScope(actor, 'tickets:write');

    return this.dataSource.transaction(async (manager) => {
      const ticket = await this.access.findVisible(manager, actor, ticketRef, true);
      await this.access.assertCanWrite(manager, actor, ticket.queueId, 'ticketId');
      const article = await manager.findOneBy(Article, { id: articleId, ticketId: ticket.id });
      if (!article) throw new NotFoundError(`article ${articleId}`);
      if (article.visibility === 'public') {
        throw new ConflictError(
          'already_public',
          `article ${articleId} is already public; public articles stay public`,
        );
      }

      const now = new Date();
      article.visibility = 'public';
      article.updatedAt = now;
      await manager.save(Article, article);
      const extra: FieldChange[] = [
        {
          field: 'articleVisibility',
          before: { id: article.id, visibility: 'internal' },
          after: { id: article.id, visibility: 'public' },
        },
      ];
      if (countsAsResponse(article) && !ticket.firstResponseAt) {
        ticket.firstResponseAt = now;
        extra.push({ field: 'firstResponseAt', before: null, after: now.toISOString() });
      }
      const refs = await this.tickets.commit(manager, actor, ticket, [], now, extra);
      await this.events.publish(manager, TicketEvents.articleUpdated, actor, {
        ticket: await this.events.snapshot(manager, ticket, refs),
        article: toArticleSnapshot(article),
        changedAt: now.toISOString(),
      });

      return { article, attachments: await manager.findBy(Attachment, { articleId: article.id }) };
    });
  }

  /** Loads an attachment with its bytes when the caller may see its ticket and its article. */
  async attachment(
    actor: TicketActor,
    ticketRef: string,
    attachmentId: string,
  ): Promise<Attachment> {
    this.access.requireScope(actor, 'tickets:read');
    const manager = this.dataSource.manager;
    const ticket = await this.access.findVisible(manager, actor, ticketRef);
    const attachment = await manager
      .createQueryBuilder(Attachment, 'a')
      .addSelect('a.content')
      .innerJoin(Article, 'ar', 'ar.id = a.articleId')
      .where('a.id = :attachmentId AND a.ticketId = :ticketId', {
        attachmentId,
        ticketId: ticket.id,
      })
      .andWhere(this.access.seesInternal(actor) ? 'TRUE' : `ar.visibility = 'public'`)
      .getOne();
    if (!attachment) throw new NotFoundError(`attachment ${attachmentId}`);

    return attachment;
  }
}
