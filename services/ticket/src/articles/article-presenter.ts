import { ArticleSnapshot, boundReferences, cutUtf8, EVENT_TEXT_LIMITS } from '@deskflow/contracts';
import { Article } from './article.entity';
import { Attachment } from './attachment.entity';

function cutLine(value: string | null): string | null {
  return value === null ? null : cutUtf8(value, EVENT_TEXT_LIMITS.lineBytes).text;
}

/**
 * Builds the article part of `ticket.article_*` and `ticket.created` events. The body, subject,
 * sender and references are cut to the event budgets, so that an article of any size still
 * makes an event the broker accepts.
 */
export function toArticleSnapshot(article: Article): ArticleSnapshot {
  const body = cutUtf8(article.bodyText, EVENT_TEXT_LIMITS.bodyBytes);

  return {
    id: article.id,
    kind: article.kind,
    senderType: article.senderType,
    visibility: article.visibility,
    channel: article.channel,
    automatic: article.automatic,
    thirdParty: article.thirdParty,
    authorId: article.authorId,
    fromAddress: cutLine(article.fromAddress),
    subject: cutLine(article.subject),
    bodyText: body.text,
    ...(body.truncated ? { bodyTruncated: true } : {}),
    messageId: article.messageId,
    inReplyTo: cutLine(article.inReplyTo),
    references: boundReferences(article.references),
    createdAt: article.createdAt.toISOString(),
  };
}

export interface AttachmentView {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

export function toAttachmentView(attachment: Attachment): AttachmentView {
  return {
    id: attachment.id,
    filename: attachment.filename,
    contentType: attachment.contentType,
    sizeBytes: attachment.sizeBytes,
    sha256: attachment.sha256,
  };
}

/** An article as the API returns it, with its attachments' metadata. */
export function toArticleView(
  article: Article,
  attachments: Attachment[],
): Record<string, unknown> {
  return {
    id: article.id,
    ticketId: article.ticketId,
    originTicketId: article.originTicketId,
    kind: article.kind,
    senderType: article.senderType,
    visibility: article.visibility,
    channel: article.channel,
    automatic: article.automatic,
    thirdParty: article.thirdParty,
    authorId: article.authorId,
    from: article.fromAddress,
    to: article.toAddresses,
    cc: article.ccAddresses,
    subject: article.subject,
    bodyText: article.bodyText,
    bodyHtml: article.bodyHtml,
    messageId: article.messageId,
    inReplyTo: article.inReplyTo,
    references: article.references,
    attachments: attachments.map(toAttachmentView),
    createdAt: article.createdAt.toISOString(),
    updatedAt: article.updatedAt.toISOString(),
  };
}
