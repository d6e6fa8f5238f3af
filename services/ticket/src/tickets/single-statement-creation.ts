import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TicketEvents } from '@deskflow/contracts';
import { Outbox } from '@deskflow/messaging';
import { Article } from '../articles/article.entity';
import { ArticleWriter, noteResponse } from '../articles/article-writer.service';
import { EntitySql } from '../common/entity-sql';
import { PreparedQueries } from '../common/prepared-query';
import { SqlParams } from '../common/sql-params';
import { ticketActorRef } from '../common/ticket-actor';
import { HistoryService } from '../history/history.service';
import { Agent } from '../people/agent.entity';
import { Organisation } from '../people/organisation.entity';
import { CreatedTicket, createdChange, createdPayload, PlannedTicket } from './planned-ticket';
import { TicketEventsPublisher } from './ticket-events.publisher';
import { TicketHooks } from './ticket-hooks';
import { Ticket } from './ticket.entity';
import { TicketRefs } from './ticket-refs.loader';

/**
 * Writes a new ticket, its opening article, the history entry and the `ticket.created` event
 * with one statement of data-modifying WITH queries, which commits them together and wakes the
 * outbox relay. This takes one round trip instead of a transaction of one statement per row.
 * It applies only when no create hook has work and the article has no attachments, because
 * hooks and attachments write in the creation's transaction.
 */
@Injectable()
export class SingleStatementCreation {
  private readonly sql: EntitySql;
  private readonly prepared: PreparedQueries;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: ArticleWriter,
    private readonly history: HistoryService,
    private readonly events: TicketEventsPublisher,
    private readonly outbox: Outbox,
    private readonly hooks: TicketHooks,
  ) {
    this.sql = new EntitySql(dataSource);
    this.prepared = new PreparedQueries(dataSource);
  }

  /**
   * Writes the planned ticket and returns it, or returns undefined, writing nothing, when the
   * creation needs a transaction.
   */
  async write(
    planned: PlannedTicket,
    organisation: Organisation | null,
  ): Promise<CreatedTicket | undefined> {
    const { actor, ticket, now } = planned;
    if ((planned.article?.attachments ?? []).length > 0) return undefined;

    ticket.id = randomUUID();
    const article = planned.article ? this.writer.build(ticket, planned.article, now) : null;
    const manager = this.dataSource.manager;
    const context = { manager, actor, ticket, trigger: 'create' as const, now, changes: [] };
    if (await this.hooks.anyHasWork({ ...context, bodyText: article?.bodyText ?? '' }))
      return undefined;

    if (article) noteResponse(ticket, article, now);
    const refs: TicketRefs = {
      queue: planned.queue,
      customer: planned.customer,
      owner: ticket.ownerId ? await manager.findOneBy(Agent, { id: ticket.ownerId }) : null,
      organisation,
    };
    const snapshot = await this.events.snapshot(manager, ticket, refs);
    const event = await this.events.prepare(
      TicketEvents.created,
      actor,
      createdPayload(planned, snapshot, article),
      now,
    );

    const params = new SqlParams();
    const writes = [
      this.sql.insert(Ticket, ticket, params),
      ...(article ? [this.sql.insert(Article, article, params)] : []),
      this.history.insertSql(
        params,
        ticket.id,
        ticketActorRef(actor),
        [createdChange(planned)],
        now,
      ),
      this.outbox.insertSql([event], params),
    ];
    const wakeUp = this.outbox.wakeUp(params);
    const statement = `WITH ${writes.map((write, index) => `"write${index}" AS (${write})`).join(',\n')}
      SELECT ${wakeUp.sql}`;
    await this.prepared.query(statement, params.values).catch((error: unknown) => {
      if (article && planned.article) {
        this.writer.rethrowDuplicateMessageId(error, article, planned.article);
      }
      throw error;
    });
    wakeUp.afterCommit();

    return { ticket, refs, article: article && { article, attachments: [] } };
  }
}
