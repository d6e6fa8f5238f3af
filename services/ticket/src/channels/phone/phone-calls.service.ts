import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '@deskflow/auth';
import { TicketAccessService } from '../../access/ticket-access.service';
import { ArticlesService } from '../../articles/articles.service';
import { ArticleInput } from '../../articles/article-writer.service';
import { TicketCreationService } from '../../tickets/ticket-creation.service';
import { cutTitle } from '../../tickets/ticket-title';
import { LogPhoneCallDto } from './dto/log-phone-call.dto';

export interface LoggedCall {
  ticketId: string;
  articleId: string;
  direction: string;
  durationSeconds: number;
}

/** Records agent-logged calls as public phone articles with their direction and duration. */
@Injectable()
export class PhoneCallsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TicketAccessService,
    private readonly articles: ArticlesService,
    private readonly creation: TicketCreationService,
  ) {}

  async log(actor: Actor, call: LogPhoneCallDto): Promise<LoggedCall> {
    return this.dataSource.transaction(async (manager) => {
      const article = this.articleOf(actor, call);
      const { ticketId, articleId } = call.ticketId
        ? await this.append(manager, actor, call.ticketId, article)
        : await this.open(manager, actor, call, article);
      await manager.query(
        `INSERT INTO "ticket"."phone_call" ("article_id", "ticket_id", "direction", "duration_seconds", "phone_number", "agent_id")
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          articleId,
          ticketId,
          call.direction,
          call.durationSeconds,
          call.phoneNumber ?? null,
          actor.id,
        ],
      );

      return {
        ticketId,
        articleId,
        direction: call.direction,
        durationSeconds: call.durationSeconds,
      };
    });
  }

  private articleOf(actor: Actor, call: LogPhoneCallDto): ArticleInput {
    const minutes = Math.floor(call.durationSeconds / 60);
    const seconds = String(call.durationSeconds % 60).padStart(2, '0');

    return {
      kind: 'message',
      senderType: 'agent',
      authorId: actor.id,
      visibility: 'public',
      channel: 'phone',
      subject: `${call.direction === 'inbound' ? 'Inbound' : 'Outbound'} call, ${minutes}:${seconds} min`,
      bodyText: call.notes,
    };
  }

  private async append(
    manager: EntityManager,
    actor: Actor,
    ticketId: string,
    article: ArticleInput,
  ) {
    const ticket = await this.access.findVisible(manager, actor, ticketId, true);
    const written = await this.articles.addIn(manager, actor, ticket, article, {
      suppressAutoReply: false,
    });

    return { ticketId: ticket.id, articleId: written.article.id };
  }

  private async open(
    manager: EntityManager,
    actor: Actor,
    call: LogPhoneCallDto,
    article: ArticleInput,
  ) {
    const created = await this.creation.createWithin(manager, actor, {
      title: call.title ?? (cutTitle(call.notes.split('\n')[0]) || 'Phone call'),
      channel: 'phone',
      customer: { email: call.customerEmail!, name: call.customerName ?? call.customerEmail! },
      article,
    });

    return { ticketId: created.ticket.id, articleId: created.article!.article.id };
  }
}
