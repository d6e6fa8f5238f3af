import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundError } from '@deskflow/http';
import { TicketAccessService } from '../access/ticket-access.service';
import { Article } from '../articles/article.entity';
import { Attachment } from '../articles/attachment.entity';
import { TicketActor } from '../common/ticket-actor';
import { CreatedTicket, TicketCreationService } from '../tickets/ticket-creation.service';
import { LinksService } from './links.service';

/**
 * Splits an article off into a new ticket of the same customer. The new ticket opens with a
 * copy of the article and its attachments and becomes a child of the original ticket. The copy
 * gets no inbound Message-ID, so replies keep threading to the original.
 */
@Injectable()
export class SplitService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TicketAccessService,
    private readonly creation: TicketCreationService,
    private readonly links: LinksService,
  ) {}

  async split(
    actor: TicketActor,
    ticketRef: string,
    articleId: string,
    options: { title?: string; queueId?: string },
  ): Promise<CreatedTicket> {
    this.access.requireScope(actor, 'tickets:write');
    return this.dataSource.transaction(async (manager) => {
      const parent = await this.access.findVisible(manager, actor, ticketRef, true);
      await this.access.assertCanWrite(manager, actor, parent.queueId, 'ticketId');
      const article = await manager.findOneBy(Article, { id: articleId, ticketId: parent.id });
      if (!article) throw new NotFoundError(`article ${articleId}`);

      const attachments = await manager
        .createQueryBuilder(Attachment, 'a')
        .addSelect('a.content')
        .where('a.articleId = :articleId', { articleId })
        .orderBy('a.createdAt')
        .getMany();
      const created = await this.creation.createIn(manager, actor, {
        title: options.title ?? parent.title,
        queueId: options.queueId ?? parent.queueId,
        customerId: parent.customerId,
        channel: parent.channel,
        type: parent.type,
        article: {
          kind: article.kind,
          senderType: article.senderType,
          visibility: article.visibility,
          channel: article.channel,
          automatic: article.automatic,
          authorId: article.authorId,
          from: article.fromAddress,
          to: article.toAddresses,
          cc: article.ccAddresses,
          subject: article.subject,
          bodyText: article.bodyText,
          bodyHtml: article.bodyHtml,
          attachments: attachments.map((attachment) => ({
            filename: attachment.filename,
            content: attachment.content,
          })),
        },
      });
      await this.links.insert(manager, actor, parent, created.ticket, 'parent_child');

      return created;
    });
  }
}
