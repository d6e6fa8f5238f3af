import { Article } from '../articles/article.entity';
import { Attachment } from '../articles/attachment.entity';
import { Ticket } from '../tickets/ticket.entity';
import { ClockRow, plainStatus, promisedTime } from './plain-status';

/** Builds the ticket as the customer portal shows it: plain status and promised times, no staff fields. */
export function toPortalTicket(
  ticket: Ticket,
  queueName: string,
  clocks: ClockRow[],
): Record<string, unknown> {
  const clock = (kind: string) => clocks.find((row) => row.kind === kind);

  return {
    id: ticket.id,
    number: ticket.number,
    title: ticket.title,
    status: plainStatus(ticket.stateType),
    type: ticket.type,
    queue: queueName,
    createdAt: ticket.createdAt.toISOString(),
    updatedAt: ticket.updatedAt.toISOString(),
    resolvedAt: ticket.resolvedAt?.toISOString() ?? null,
    closedAt: ticket.closedAt?.toISOString() ?? null,
    /** The ticket's version; the controller also sends it as the ETag. */
    version: ticket.version,
    promised: {
      firstResponse: promisedTime(clock('first_response')),
      resolution: promisedTime(clock('resolution')),
    },
  };
}

/** Builds a public message of the conversation, without mail headers or internal data. */
export function toPortalMessage(
  article: Article,
  attachments: Attachment[],
): Record<string, unknown> {
  return {
    id: article.id,
    from: article.senderType === 'customer' ? 'you' : 'support',
    bodyText: article.bodyText,
    bodyHtml: article.bodyHtml,
    createdAt: article.createdAt.toISOString(),
    attachments: attachments.map((attachment) => ({
      id: attachment.id,
      filename: attachment.filename,
      contentType: attachment.contentType,
      sizeBytes: attachment.sizeBytes,
    })),
  };
}
