import { ParsedMail } from '../parsing/parsed-mail';
import { DeliveryReport, looksLikeBounce, readDeliveryReport } from './delivery-report';

/**
 * - `regular`: a message from a person or a robot, which becomes a ticket or an article.
 * - `own_address`: sent from one of the desk's own addresses, so it opens nothing (loop guard).
 * - `bounce`: a delivery status notification, attached to its ticket as a system note.
 * - `read_receipt`: a message disposition notification (RFC 8098), noted on its ticket.
 */
export type MailKind = 'regular' | 'own_address' | 'bounce' | 'read_receipt';

export interface MailClassification {
  kind: MailKind;
  /** Reasons to send the sender no automatic reply; empty when an acknowledgement is allowed. */
  autoReplyMarkers: string[];
  deliveryReport: DeliveryReport | null;
}

// Responders that set no header still say so in the subject (Apple Mail vacation, Outlook, German clients).
const AUTO_REPLY_SUBJECT =
  /^\s*(auto(matic)?[ -]?reply|autoreply|out of (the )?office|abwesenheitsnotiz|automatische antwort|r\u00e9ponse automatique)\b/i;
const BULK_PRECEDENCE = new Set(['bulk', 'junk', 'list']);
// Exchange's X-Auto-Response-Suppress lists the kinds of automatic reply the sender rejects.
// An acknowledgement is an auto-reply, so only these values forbid it (DR, RN, NDR do not).
const SUPPRESSING_RESPONSE_KINDS = new Set(['all', 'autoreply', 'oof']);

function firstHeader(mail: ParsedMail, name: string): string | null {
  return mail.headers[name]?.[0]?.trim() ?? null;
}

/** Lists the RFC 3834 and vendor markers that mark the sender as automatic or as a list. */
export function autoReplyMarkersOf(mail: ParsedMail): string[] {
  const markers: string[] = [];
  const autoSubmitted = firstHeader(mail, 'auto-submitted')?.toLowerCase().split(';')[0].trim();
  if (autoSubmitted && autoSubmitted !== 'no') markers.push(`Auto-Submitted: ${autoSubmitted}`);

  const precedence = firstHeader(mail, 'precedence')?.toLowerCase();
  if (precedence && BULK_PRECEDENCE.has(precedence)) markers.push(`Precedence: ${precedence}`);

  const suppress = firstHeader(mail, 'x-auto-response-suppress');
  const kinds = (suppress ?? '').toLowerCase().split(/[\s,]+/);
  if (kinds.some((kind) => SUPPRESSING_RESPONSE_KINDS.has(kind)))
    markers.push(`X-Auto-Response-Suppress: ${suppress}`);

  if (firstHeader(mail, 'list-id')) markers.push('List-Id');
  if (firstHeader(mail, 'x-autoreply') || firstHeader(mail, 'x-autorespond'))
    markers.push('X-Autoreply');
  if (AUTO_REPLY_SUBJECT.test(mail.subject)) markers.push('auto-reply subject');

  const returnPath = mail.headers['return-path']?.at(-1)?.trim();
  if (returnPath !== undefined && /^<\s*>$|^$/.test(returnPath)) markers.push('null Return-Path');

  return markers;
}

function isReadReceipt(mail: ParsedMail): boolean {
  const type = mail.contentType.toLowerCase();

  return type.startsWith('multipart/report') && /report-type="?disposition-notification/.test(type);
}

/** Decides what kind of message arrived and whether it may get an automatic reply. */
export function classifyMail(mail: ParsedMail, deskAddresses: Set<string>): MailClassification {
  const markers = autoReplyMarkersOf(mail);
  if (mail.from && deskAddresses.has(mail.from.address)) {
    return {
      kind: 'own_address',
      autoReplyMarkers: [...markers, 'sent from a desk address'],
      deliveryReport: null,
    };
  }

  if (looksLikeBounce(mail)) {
    const deliveryReport = readDeliveryReport(mail, deskAddresses);

    return {
      kind: 'bounce',
      autoReplyMarkers: [...markers, 'delivery status notification'],
      deliveryReport,
    };
  }

  if (isReadReceipt(mail)) {
    return {
      kind: 'read_receipt',
      autoReplyMarkers: [...markers, 'read receipt'],
      deliveryReport: null,
    };
  }

  return { kind: 'regular', autoReplyMarkers: markers, deliveryReport: null };
}
