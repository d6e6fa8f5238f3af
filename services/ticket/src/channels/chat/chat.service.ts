import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ArticleInput } from '../../articles/article-writer.service';
import { SYSTEM_ACTOR } from '../../common/ticket-actor';
import { CustomersService } from '../../people/customers.service';
import { TicketCreationService } from '../../tickets/ticket-creation.service';
import { cutTitle } from '../../tickets/ticket-title';
import { InboundArticleWriter } from '../email/inbound/inbound-article.writer';
import { ChatMessageDto } from './dto/chat-message.dto';

export interface ChatResult {
  ticketId: string;
  articleId: string;
  duplicate: boolean;
}

/**
 * Maps chat conversations to tickets: the first message opens a ticket, later ones become
 * articles on it. The conversation row is locked per message, so concurrent deliveries of one
 * conversation open one ticket, and a repeated message id adds nothing.
 */
@Injectable()
export class ChatService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly creation: TicketCreationService,
    private readonly articles: InboundArticleWriter,
    private readonly customers: CustomersService,
  ) {}

  async receive(message: ChatMessageDto): Promise<ChatResult> {
    return this.dataSource.transaction(async (manager) => {
      // The advisory lock serialises messages of one conversation, including its first one.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('chat:' || $1))`, [
        message.conversationId,
      ]);
      const seen: { articleId: string; ticketId: string }[] = await manager.query(
        `SELECT m."article_id" AS "articleId", c."ticket_id" AS "ticketId" FROM "ticket"."chat_message" m
         JOIN "ticket"."chat_conversation" c USING ("conversation_id") WHERE m."message_id" = $1`,
        [message.messageId],
      );
      if (seen[0]) return { ...seen[0], duplicate: true };

      const article = await this.articleOf(manager, message);
      const conversation: { ticketId: string }[] = await manager.query(
        `SELECT "ticket_id" AS "ticketId" FROM "ticket"."chat_conversation" WHERE "conversation_id" = $1`,
        [message.conversationId],
      );
      const result = conversation[0]
        ? await this.append(manager, conversation[0].ticketId, article)
        : await this.open(manager, message, article);
      await manager.query(
        `INSERT INTO "ticket"."chat_message" ("message_id", "conversation_id", "article_id") VALUES ($1, $2, $3)`,
        [message.messageId, message.conversationId, result.articleId],
      );

      return { ...result, duplicate: false };
    });
  }

  private async articleOf(manager: EntityManager, message: ChatMessageDto): Promise<ArticleInput> {
    const agents: { id: string }[] =
      message.senderRole === 'agent'
        ? await manager.query(
            `SELECT "id" FROM "ticket"."agent" WHERE lower("email") = lower($1) AND "active"`,
            [message.senderEmail],
          )
        : [];

    return {
      kind: 'message',
      senderType: agents[0] ? 'agent' : 'customer',
      authorId: agents[0]?.id ?? null,
      visibility: 'public',
      channel: 'chat',
      from: message.senderEmail,
      bodyText: message.text,
    };
  }

  private async append(
    manager: EntityManager,
    ticketId: string,
    article: ArticleInput,
  ): Promise<Omit<ChatResult, 'duplicate'>> {
    const written = await this.articles.append(manager, ticketId, article, {
      reopen: article.senderType === 'customer',
      suppressAutoReply: false,
    });

    return { ticketId, articleId: written.article.id };
  }

  private async open(
    manager: EntityManager,
    message: ChatMessageDto,
    article: ArticleInput,
  ): Promise<Omit<ChatResult, 'duplicate'>> {
    const customer = await this.customers.findOrCreateByEmail(
      manager,
      message.senderEmail,
      message.senderName,
    );
    const created = await this.creation.createWithin(manager, SYSTEM_ACTOR, {
      title: cutTitle(message.text.split('\n')[0]) || 'Chat conversation',
      channel: 'chat',
      customerId: customer.id,
      article,
    });
    await manager.query(
      `INSERT INTO "ticket"."chat_conversation" ("conversation_id", "ticket_id") VALUES ($1, $2)`,
      [message.conversationId, created.ticket.id],
    );

    return { ticketId: created.ticket.id, articleId: created.article!.article.id };
  }
}
