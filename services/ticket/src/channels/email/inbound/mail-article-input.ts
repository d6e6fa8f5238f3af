import { textFromHtml } from '../../../articles/article-body';
import { ArticleInput } from '../../../articles/article-writer.service';
import { attachmentLimits, AttachmentUpload } from '../../../articles/attachment-content';
import { DeliveryReport } from '../classification/delivery-report';
import { ParsedMail } from '../parsing/parsed-mail';

export const EMPTY_BODY_TEXT = '(The message has no text.)';

/**
 * Keeps attachments in order while they fit the article limits, because the article writer
 * rejects the whole article otherwise. The left-out ones stay in the stored raw message.
 */
export function fitAttachments(mail: ParsedMail): { kept: AttachmentUpload[]; leftOut: string[] } {
  const limits = attachmentLimits();
  const kept: AttachmentUpload[] = [];
  const leftOut: string[] = [];
  let total = 0;
  for (const attachment of mail.attachments) {
    const size = attachment.content.length;
    if (
      size > limits.maxBytes ||
      kept.length >= limits.maxCount ||
      total + size > limits.maxTotalBytes
    ) {
      leftOut.push(`${attachment.filename} (${size} bytes)`);
      continue;
    }
    kept.push({ filename: attachment.filename, content: attachment.content });
    total += size;
  }

  return { kept, leftOut };
}

/** Attaches the raw source while it fits the per-file limit; the stored original always keeps it. */
function rawAttachment(filename: string, raw: Buffer): AttachmentUpload[] {
  return raw.length <= attachmentLimits().maxBytes ? [{ filename, content: raw }] : [];
}

/** Builds the public article of an inbound mail from a customer or an agent. */
export function messageArticle(
  mail: ParsedMail,
  messageId: string | null,
  sender: { address: string; agentId: string | null },
  automatic: boolean,
): ArticleInput {
  const { kept, leftOut } = fitAttachments(mail);
  const notice =
    leftOut.length > 0
      ? `\n\n[Attachments over the size limits, kept only in the stored original: ${leftOut.join(', ')}]`
      : '';
  const readable = mail.text.trim() !== '' ? mail.text : textFromHtml(mail.html ?? '');
  const text = readable.trim() === '' && kept.length === 0 ? EMPTY_BODY_TEXT : readable;

  return {
    kind: 'message',
    senderType: sender.agentId ? 'agent' : 'customer',
    authorId: sender.agentId,
    visibility: 'public',
    channel: 'email',
    automatic,
    from: sender.address,
    to: mail.to.map((address) => address.address),
    cc: mail.cc.map((address) => address.address),
    subject: mail.subject,
    bodyText: `${text}${notice}`,
    bodyHtml: mail.html,
    messageId,
    inReplyTo: mail.inReplyTo,
    references: mail.references,
    attachments: kept,
  };
}

function describeReport(
  kind: 'bounce' | 'read_receipt',
  report: DeliveryReport | null,
  mail: ParsedMail,
): string {
  if (kind === 'read_receipt')
    return `Read receipt from ${mail.from?.address ?? 'an unknown sender'}: ${mail.subject}`;

  const recipients =
    report && report.recipients.length > 0 ? report.recipients.join(', ') : 'an unnamed recipient';
  const statuses =
    report && report.statuses.length > 0 ? ` (status ${report.statuses.join(', ')})` : '';

  return `Mail delivery ${report?.action ?? 'failed'} for ${recipients}${statuses}.\n\n${mail.text}`;
}

/** Builds the internal system note that records a bounce or read receipt on its ticket. */
export function reportNote(
  kind: 'bounce' | 'read_receipt',
  report: DeliveryReport | null,
  mail: ParsedMail,
  messageId: string | null,
  raw: Buffer,
): ArticleInput {
  return {
    kind: 'note',
    senderType: 'system',
    visibility: 'internal',
    channel: 'email',
    automatic: true,
    from: mail.from?.address ?? null,
    subject: mail.subject,
    bodyText: describeReport(kind, report, mail).trim(),
    messageId,
    attachments: rawAttachment(kind === 'bounce' ? 'delivery-report.eml' : 'read-receipt.eml', raw),
  };
}

/** Builds the note of a message that could not be parsed, with its source attached. */
export function unreadableNote(messageId: string | null, raw: Buffer, error: string): ArticleInput {
  return {
    kind: 'note',
    senderType: 'system',
    visibility: 'internal',
    channel: 'email',
    automatic: true,
    bodyText: `The incoming message could not be read (${error}). The stored original is attached as original.eml when it fits the attachment limit.`,
    messageId,
    attachments: rawAttachment('original.eml', raw),
  };
}
