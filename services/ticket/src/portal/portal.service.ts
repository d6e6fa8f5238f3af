import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Actor } from '@deskflow/auth';
import {
  decodeCursor,
  encodeCursor,
  IfMatchCondition,
  isoTimestampValue,
  uuidValue,
} from '@deskflow/http';
import { TicketAccessService } from '../access/ticket-access.service';
import { Article } from '../articles/article.entity';
import { ArticleInput } from '../articles/article-writer.service';
import { ArticlesService, TicketClosedError } from '../articles/articles.service';
import { Attachment } from '../articles/attachment.entity';
import { SqlParams } from '../common/sql-params';
import { SYSTEM_ACTOR } from '../common/ticket-actor';
import { LinksService } from '../links/links.service';
import { Queue } from '../queues/queue.entity';
import { SatisfactionRating, SatisfactionService } from '../satisfaction/satisfaction.service';
import { TicketCreationService } from '../tickets/ticket-creation.service';
import { cutTitle } from '../tickets/ticket-title';
import { Ticket } from '../tickets/ticket.entity';
import { TicketsService } from '../tickets/tickets.service';
import { PortalCreateTicketDto, PortalListQuery } from './dto/portal.dto';
import { ClockRow } from './plain-status';
import { toPortalMessage, toPortalTicket } from './portal-views';
import { ReadArticlesHook } from './read-articles.hook';

function encodePortalCursor(ticket: Ticket): string {
  return encodeCursor({ createdAt: ticket.createdAt.toISOString(), id: ticket.id });
}

/**
 * The customer portal on top of the ticket core: every read and write goes through the core's
 * access rules for the customer, so a ticket the customer may not see is a 404 everywhere.
 */
@Injectable()
export class PortalService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TicketAccessService,
    private readonly tickets: TicketsService,
    private readonly creation: TicketCreationService,
    private readonly articles: ArticlesService,
    private readonly satisfaction: SatisfactionService,
    private readonly readArticles: ReadArticlesHook,
    private readonly links: LinksService,
  ) {}

  async create(actor: Actor, input: PortalCreateTicketDto): Promise<Record<string, unknown>> {
    const created = await this.readArticles.readArticles.run(input.knowledgeArticleIds ?? [], () =>
      this.creation.create(actor, {
        title: input.title,
        type: input.type,
        impact: input.impact,
        urgency: input.urgency,
        channel: 'portal',
        article: this.message(actor, input.body),
      }),
    );

    return this.get(actor, created.ticket.id);
  }

  async list(
    actor: Actor,
    query: PortalListQuery,
  ): Promise<{ items: Record<string, unknown>[]; nextCursor: string | null }> {
    const limit = query.limit ?? 25;
    const params = new SqlParams();
    const conditions = [this.access.visibleClause(actor, params)];
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor, { createdAt: isoTimestampValue, id: uuidValue });
      conditions.push(
        `(t."created_at", t."id") < (${params.add(cursor.createdAt)}::timestamptz, ${params.add(cursor.id)}::uuid)`,
      );
    }
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT t."id" FROM "ticket"."ticket" t WHERE ${conditions.join(' AND ')}
       ORDER BY t."created_at" DESC, t."id" DESC LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
    const ids = rows.slice(0, limit).map((row) => row.id);
    const tickets = await this.dataSource.manager.findBy(Ticket, { id: In(ids) });
    tickets.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
    const items = await this.views(this.dataSource.manager, tickets);

    return {
      items,
      nextCursor: rows.length > limit ? encodePortalCursor(tickets[tickets.length - 1]) : null,
    };
  }

  async get(actor: Actor, ref: string): Promise<Record<string, unknown>> {
    const manager = this.dataSource.manager;
    const ticket = await this.access.findVisible(manager, actor, ref);
    const [view] = await this.views(manager, [ticket]);

    return {
      ...view,
      messages: await this.conversation(manager, ticket.id),
      satisfaction: await this.satisfaction.list(manager, ticket.id),
    };
  }

  /**
   * Adds the customer's message. On a closed ticket whose queue opens follow-ups, the message
   * opens a new ticket that names the closed one, and the method returns that new ticket.
   */
  async reply(actor: Actor, ref: string, body: string): Promise<Record<string, unknown>> {
    const message = this.message(actor, body);
    try {
      await this.articles.add(actor, ref, message);
    } catch (error) {
      if (!(error instanceof TicketClosedError)) throw error;

      const followUp = await this.openFollowUp(actor, error.ticket, message);

      return this.get(actor, followUp.id);
    }

    return this.get(actor, ref);
  }

  /** Closes the ticket; with `ifMatch` only while it matches the current ETag. */
  async close(
    actor: Actor,
    ref: string,
    ifMatch?: IfMatchCondition,
  ): Promise<Record<string, unknown>> {
    await this.dataSource.transaction(async (manager) => {
      const ticket = await this.access.findVisible(manager, actor, ref, true);
      this.tickets.checkVersion(ticket, ifMatch);
      if (ticket.stateType !== 'closed')
        await this.tickets.updateIn(manager, actor, ticket.id, undefined, { state: 'closed' });
    });

    return this.get(actor, ref);
  }

  /** Rates the current resolution; with `ifMatch` only while it matches the current ETag. */
  async rate(
    actor: Actor,
    ref: string,
    rating: { rating: number; comment: string },
    ifMatch?: IfMatchCondition,
  ): Promise<SatisfactionRating> {
    return this.dataSource.transaction(async (manager) => {
      const ticket = await this.access.findVisible(manager, actor, ref, true);
      this.tickets.checkVersion(ticket, ifMatch);

      return this.satisfaction.rate(manager, ticket, actor.id, rating.rating, rating.comment);
    });
  }

  /**
   * Opens a ticket for a message to a closed ticket, in the closed ticket's queue and linked to
   * it as related. The service opens it, because customers may not pick a queue.
   */
  private openFollowUp(actor: Actor, closed: Ticket, message: ArticleInput): Promise<Ticket> {
    return this.dataSource.transaction(async (manager) => {
      const { ticket } = await this.creation.createWithin(manager, SYSTEM_ACTOR, {
        title: cutTitle(`Follow-up to ${closed.number}: ${closed.title}`),
        type: closed.type,
        queueId: closed.queueId,
        customerId: actor.id,
        channel: 'portal',
        article: message,
      });
      await this.links.insert(manager, SYSTEM_ACTOR, ticket, closed, 'related');

      return ticket;
    });
  }

  private message(actor: Actor, body: string): ArticleInput {
    return {
      kind: 'message',
      senderType: 'customer',
      visibility: 'public',
      channel: 'portal',
      authorId: actor.id,
      from: actor.email ?? null,
      bodyText: body,
    };
  }

  private async views(
    manager: EntityManager,
    tickets: Ticket[],
  ): Promise<Record<string, unknown>[]> {
    if (tickets.length === 0) return [];

    const ids = tickets.map((ticket) => ticket.id);
    const clocks: (ClockRow & { ticket_id: string })[] = await manager.query(
      `SELECT "ticket_id", "kind", "status", "due_at", "met_at", "breached" FROM "ticket"."sla_clock_projection"
       WHERE "ticket_id" = ANY($1::uuid[])`,
      [ids],
    );
    const queues = await manager.findBy(Queue, {
      id: In([...new Set(tickets.map((ticket) => ticket.queueId))]),
    });

    return tickets.map((ticket) =>
      toPortalTicket(
        ticket,
        queues.find((queue) => queue.id === ticket.queueId)?.name ?? '',
        clocks.filter((clock) => clock.ticket_id === ticket.id),
      ),
    );
  }

  /** Public messages only: internal notes never reach the portal, whoever wrote them. */
  private async conversation(
    manager: EntityManager,
    ticketId: string,
  ): Promise<Record<string, unknown>[]> {
    const articles = await manager.find(Article, {
      where: { ticketId, visibility: 'public' },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const attachments = await manager.findBy(Attachment, {
      articleId: In(articles.map((article) => article.id)),
    });

    return articles.map((article) =>
      toPortalMessage(
        article,
        attachments.filter((attachment) => attachment.articleId === article.id),
      ),
    );
  }
}
