import { extractMessageIds } from '../parsing/message-ids';
import { ParsedMail } from '../parsing/parsed-mail';

/** The content of a bounce or delay notice about a message the desk sent. */
export interface DeliveryReport {
  /** `failed`, `delayed`, `delivered`, `relayed` or `expanded` (RFC 3464 Action), or `failed` for vendor formats. */
  action: string;
  /** Recipients whose delivery the report is about; empty when the report names none. */
  recipients: string[];
  /** Status codes such as `5.1.1`, one per recipient where given. */
  statuses: string[];
  /** Message-IDs of the returned message and its thread, newest first, used to find the ticket. */
  originalMessageIds: string[];
}

const DAEMON_LOCAL_PARTS = new Set(['mailer-daemon', 'postmaster']);
const BOUNCE_SUBJECT =
  /undeliver|delivery (status|failure|has failed)|returned mail|failure notice|delivery failed|mail delivery|delayed|nicht zustellbar|unzustellbar/i;
const EMAIL_IN_TEXT = /<?([a-z0-9._%+'-]+@[a-z0-9.-]+\.[a-z]{2,})>?/gi;

function isDeliveryStatusMail(mail: ParsedMail): boolean {
  const type = mail.contentType.toLowerCase();

  return (
    (type.startsWith('multipart/report') && /report-type="?delivery-status/.test(type)) ||
    type.startsWith('message/delivery-status')
  );
}

/** Checks whether the message is a delivery status notification, standard (RFC 3464) or vendor-made. */
export function looksLikeBounce(mail: ParsedMail): boolean {
  if (isDeliveryStatusMail(mail)) return true;
  if (mail.headers['x-failed-recipients']) return true;

  const localPart = mail.from?.address.split('@')[0] ?? '';

  return DAEMON_LOCAL_PARTS.has(localPart) && BOUNCE_SUBJECT.test(mail.subject);
}

/** Reads the per-recipient fields of a `message/delivery-status` body. */
function parseStatusFields(
  body: string,
): { action: string; recipient: string | null; status: string | null }[] {
  const blocks = body.replace(/\r/g, '').split(/\n\s*\n/);

  return blocks
    .map((block) => {
      const field = (name: string) =>
        new RegExp(`^${name}:\\s*(.+)$`, 'im').exec(block)?.[1].trim() ?? null;
      const recipient = field('Final-Recipient') ?? field('Original-Recipient');

      return {
        action: (field('Action') ?? '').toLowerCase(),
        recipient: recipient
          ? recipient
              .replace(/^[^;]*;\s*/, '')
              .replace(/^<|>$/g, '')
              .toLowerCase()
          : null,
        status: field('Status'),
      };
    })
    .filter((entry) => entry.recipient !== null || entry.action !== '');
}

function originalMessageIds(mail: ParsedMail): string[] {
  const returned = mail.attachments.filter((attachment) =>
    ['message/rfc822', 'text/rfc822-headers', 'message/rfc822-headers'].includes(
      attachment.declaredType,
    ),
  );
  const fromParts = returned.flatMap((attachment) => {
    const headerBlock = attachment.content
      .toString('latin1')
      .split(/\r?\n\r?\n/)[0]
      .replace(/\r?\n[ \t]+/g, ' ');
    const ownId = /^Message-ID:\s*(.+)$/im.exec(headerBlock)?.[1];
    const inReplyTo = /^In-Reply-To:\s*(.+)$/im.exec(headerBlock)?.[1];
    const references = /^References:\s*(.+)$/im.exec(headerBlock)?.[1];

    return [
      ...extractMessageIds(ownId),
      ...extractMessageIds(inReplyTo),
      ...extractMessageIds(references).reverse(),
    ];
  });
  // Vendor bounces quote the original headers in the text body instead of a part.
  const quoted = [...mail.text.matchAll(/^\s*Message-ID:\s*(<[^>\s]+>)/gim)].map(
    (match) => match[1],
  );
  const own = mail.inReplyTo ? [mail.inReplyTo, ...[...mail.references].reverse()] : [];

  return [...new Set([...fromParts, ...extractMessageIds(quoted.join(' ')), ...own])];
}

function recipientsFromText(mail: ParsedMail, excluded: Set<string>): string[] {
  const found = [...mail.text.matchAll(EMAIL_IN_TEXT)].map((match) => match[1].toLowerCase());

  return [...new Set(found)].filter((address) => !excluded.has(address)).slice(0, 5);
}

/** Extracts the failed recipients and the returned message's ids from a bounce. */
export function readDeliveryReport(mail: ParsedMail, deskAddresses: Set<string>): DeliveryReport {
  const statusPart = mail.attachments.find(
    (attachment) => attachment.declaredType === 'message/delivery-status',
  );
  const fields = statusPart ? parseStatusFields(statusPart.content.toString('utf8')) : [];
  const headerRecipients = (mail.headers['x-failed-recipients'] ?? []).flatMap((value) =>
    value
      .split(',')
      .map((address) => address.trim().toLowerCase())
      .filter(Boolean),
  );
  const excluded = new Set([...deskAddresses, mail.from?.address ?? '']);
  const fieldRecipients = fields.flatMap((entry) => (entry.recipient ? [entry.recipient] : []));
  const recipients = fieldRecipients.length > 0 ? fieldRecipients : headerRecipients;

  return {
    action: fields.find((entry) => entry.action)?.action ?? 'failed',
    recipients:
      recipients.length > 0 ? [...new Set(recipients)] : recipientsFromText(mail, excluded),
    statuses: fields.flatMap((entry) => (entry.status ? [entry.status] : [])),
    originalMessageIds: originalMessageIds(mail),
  };
}
