import {
  AddressObject,
  Attachment,
  HeaderLines,
  simpleParser,
  SimpleParserOptions,
} from 'mailparser';
import { repairC1Controls } from './charset-labels';
import { extractMessageIds } from './message-ids';
import { recoverUtf8ReadAsBytes, repairRawHeaderCharset } from './raw-header-charset';
import { MailAddress, ParsedAttachment, ParsedMail } from './parsed-mail';
import { WhatwgIconv } from './whatwg-iconv';

const EXTENSION_BY_TYPE: Record<string, string> = {
  'message/rfc822': 'eml',
  'message/delivery-status': 'txt',
  'text/rfc822-headers': 'txt',
  'text/calendar': 'ics',
  'text/plain': 'txt',
  'text/html': 'html',
};

// NOTE: @types/mailparser types `Iconv` as a stream instance and lacks `keepDeliveryStatus`,
// while mailparser 3.9 calls `new Iconv(charset)` and reads that flag, hence the cast.
const PARSER_OPTIONS = {
  Iconv: WhatwgIconv,
  keepDeliveryStatus: true,
  keepCidLinks: true,
  skipTextToHtml: true,
  skipImageLinks: true,
  skipTextLinks: true,
} as unknown as SimpleParserOptions;

/** Parses a raw RFC 5322 message; throws when mailparser cannot read it at all. */
export async function parseMail(raw: Buffer): Promise<ParsedMail> {
  const mail = await simpleParser(repairRawHeaderCharset(raw), PARSER_OPTIONS);
  const headers = collectHeaders(mail.headerLines);

  return {
    messageId: extractMessageIds(mail.messageId)[0] ?? null,
    inReplyTo: extractMessageIds(first(headers['in-reply-to'])).at(-1) ?? null,
    references: extractMessageIds((headers['references'] ?? []).join(' ')),
    subject: withoutNul(repairC1Controls(mail.subject ?? '').replace(/[\r\n]+/g, ' ')),
    from: addressesOf(mail.from)[0] ?? null,
    replyTo: addressesOf(mail.replyTo)[0] ?? null,
    to: addressesOf(mail.to),
    cc: addressesOf(mail.cc),
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null,
    headers,
    text: withoutNul(mail.text ?? '').trimEnd(),
    html: typeof mail.html === 'string' ? withoutNul(mail.html) : null,
    attachments: mail.attachments.map(toParsedAttachment),
    contentType: first(headers['content-type']) ?? 'text/plain',
  };
}

/** Drops NUL characters, which broken mail contains and PostgreSQL text columns reject. */
function withoutNul(text: string): string {
  // eslint-disable-next-line no-control-regex -- NUL is the character to remove.
  return text.replace(/\u0000/g, '');
}

function first(values: string[] | undefined): string | undefined {
  return values?.[0];
}

function collectHeaders(lines: HeaderLines): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  for (const { key, line } of lines) {
    const value = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    (headers[key.toLowerCase()] ??= []).push(value);
  }

  return headers;
}

function addressesOf(field: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  const flat = objects.flatMap((object) => object.value.flatMap((entry) => entry.group ?? [entry]));

  return flat
    .filter((entry) => typeof entry.address === 'string' && entry.address.includes('@'))
    .map((entry) => ({
      address: entry.address!.trim().toLowerCase(),
      name: withoutNul(repairC1Controls(entry.name ?? '')).trim(),
    }));
}

function toParsedAttachment(attachment: Attachment, index: number): ParsedAttachment {
  const declaredType = attachment.contentType || 'application/octet-stream';
  const extension = EXTENSION_BY_TYPE[declaredType] ?? 'bin';
  const filename = attachment.filename?.trim() || `attachment-${index + 1}.${extension}`;

  return {
    filename: withoutNul(repairC1Controls(recoverUtf8ReadAsBytes(filename))),
    declaredType,
    content: attachment.content,
    inline: attachment.related === true || attachment.contentDisposition === 'inline',
    contentId: attachment.cid ?? null,
  };
}
