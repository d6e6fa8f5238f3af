import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  ArticleKind,
  ArticleVisibility,
  Channel,
  COMMUNICATION_CHANNELS,
  SenderType,
} from '@deskflow/contracts';
import { ConflictError, fieldPath, ValidationFailedError } from '@deskflow/http';
import { Ticket } from '../tickets/ticket.entity';
import { sanitizeArticleHtml, textFromHtml } from './article-body';
import { Article } from './article.entity';
import { Attachment } from './attachment.entity';
import { AttachmentUpload, checkAttachmentLimits, detectContent } from './attachment-content';
import { safeFilename } from './attachment-filename';

/** An article to add, as the HTTP layer and the channels describe it. */
export interface ArticleInput {
  kind?: ArticleKind;
  senderType: SenderType;
  visibility: ArticleVisibility;
  channel: Channel;
  automatic?: boolean;
  /** Set by the mail channel for a sender who is neither the customer, a participant nor an agent. */
  thirdParty?: boolean;
  authorId?: string | null;
  from?: string | null;
  to?: string[];
  cc?: string[];
  subject?: string | null;
  bodyText?: string | null;
  bodyHtml?: string | null;
  /** Set by channels for inbound mail; public agent articles get a generated one. */
  messageId?: string | null;
  inReplyTo?: string | null;
  references?: string[];
  attachments?: AttachmentUpload[];
  /**
   * The path of the article in the request body, such as `article` when it opens a ticket, which
   * prefixes its fields in errors. Unset for an article that is the whole body.
   */
  requestPath?: string;
}

export interface WrittenArticle {
  article: Article;
  attachments: Attachment[];
}

export function mailDomain(): string {
  return process.env.MAIL_DOMAIN ?? 'support.deskflow.local';
}

/** Returns true for a reply to the customer: public, by an agent, not automatic, on a channel they read. */
export function countsAsResponse(article: Article): boolean {
  return (
    article.senderType === 'agent' &&
    article.visibility === 'public' &&
    !article.automatic &&
    COMMUNICATION_CHANNELS.includes(article.channel)
  );
}

/** Sets the ticket's first response time when the article is its first response. */
export function noteResponse(ticket: Ticket, article: Article, now: Date): void {
  if (countsAsResponse(article) && !ticket.firstResponseAt) ticket.firstResponseAt = now;
}

function duplicateMessageId(messageId: string, input: ArticleInput): ConflictError {
  return new ConflictError(
    'duplicate_message_id',
    `an article with Message-ID ${messageId} already exists`,
    [
      {
        field: fieldPath(input.requestPath ?? '', 'messageId'),
        reason: 'already stored on an article',
      },
    ],
  );
}

function bodyTextOf(input: ArticleInput): string {
  return input.bodyText ?? (input.bodyHtml ? textFromHtml(input.bodyHtml) : '');
}

/**
 * Inserts articles with their attachments and updates the ticket object (first response,
 * attachment flag) for the caller to save, all in the caller's transaction.
 */
@Injectable()
export class ArticleWriter {
  async write(
    manager: EntityManager,
    ticket: Ticket,
    input: ArticleInput,
    now: Date,
  ): Promise<WrittenArticle> {
    const uploads = input.attachments ?? [];
    const article = this.build(ticket, input, now);
    await manager
      .insert(Article, article)
      .catch((error: unknown) => this.rethrowDuplicateMessageId(error, article, input));

    const attachments = await this.insertAttachments(manager, article, uploads, now);
    if (attachments.length > 0) ticket.hasAttachments = true;
    noteResponse(ticket, article, now);

    return { article, attachments };
  }

  /**
   * Raises 400 for an article without text, HTML or attachment, and 413 for attachments over
   * the limits. `build` and `write` run it too.
   */
  check(input: ArticleInput): void {
    const path = input.requestPath ?? '';
    checkAttachmentLimits(input.attachments ?? [], fieldPath(path, 'attachments'));
    if (bodyTextOf(input).trim() === '' && (input.attachments ?? []).length === 0) {
      throw new ValidationFailedError([
        {
          field: fieldPath(path, 'bodyText'),
          reason: 'an article needs text, HTML or an attachment',
        },
      ]);
    }
  }

  /**
   * Raises 409 when an article already has the input's Message-ID. The unique index on
   * `message_id` still decides between concurrent writes, which this read cannot see.
   */
  async checkMessageIdFree(manager: EntityManager, input: ArticleInput): Promise<void> {
    if (!input.messageId) return;
    if (await manager.existsBy(Article, { messageId: input.messageId })) {
      throw duplicateMessageId(input.messageId, input);
    }
  }

  /** Builds and checks the article without inserting it, unlike `write`, which does both. */
  build(ticket: Ticket, input: ArticleInput, now: Date): Article {
    this.check(input);
    const bodyHtml = input.bodyHtml ? sanitizeArticleHtml(input.bodyHtml) : null;
    const bodyText = bodyTextOf(input);

    const id = randomUUID();
    const outbound =
      input.senderType === 'agent' && input.visibility === 'public' && !input.messageId;

    return Object.assign(new Article(), {
      id,
      ticketId: ticket.id,
      originTicketId: ticket.id,
      kind: input.kind ?? (input.visibility === 'internal' ? 'note' : 'message'),
      senderType: input.senderType,
      visibility: input.visibility,
      channel: input.channel,
      automatic: input.automatic ?? false,
      thirdParty: input.thirdParty ?? false,
      authorId: input.authorId ?? null,
      fromAddress: input.from ?? null,
      toAddresses: input.to ?? [],
      ccAddresses: input.cc ?? [],
      subject: input.subject ?? null,
      bodyText,
      bodyHtml,
      messageId: outbound ? `<${id}.${ticket.number}@${mailDomain()}>` : (input.messageId ?? null),
      inReplyTo: input.inReplyTo ?? null,
      references: input.references ?? [],
      hasAttachments: (input.attachments ?? []).length > 0,
      createdAt: now,
      updatedAt: now,
    });
  }

  private async insertAttachments(
    manager: EntityManager,
    article: Article,
    uploads: AttachmentUpload[],
    now: Date,
  ): Promise<Attachment[]> {
    const attachments: Attachment[] = [];
    for (const upload of uploads) {
      const content = await detectContent(upload);
      const attachment = Object.assign(new Attachment(), {
        articleId: article.id,
        ticketId: article.ticketId,
        filename: safeFilename(content.filename),
        contentType: content.contentType,
        sizeBytes: content.content.length,
        sha256: content.sha256,
        content: content.content,
        createdAt: now,
      });
      await manager.insert(Attachment, attachment);
      attachments.push(attachment);
    }

    return attachments;
  }

  /** Raises a unique violation of the article's Message-ID as 409; other errors as they are. */
  rethrowDuplicateMessageId(error: unknown, article: Article, input: ArticleInput): never {
    const code = (error as { driverError?: { code?: string } }).driverError?.code;
    if (code === '23505') throw duplicateMessageId(article.messageId ?? '', input);

    throw error;
  }
}
