import type { SendMailOptions } from 'nodemailer';
import * as mimeFuncs from 'nodemailer/lib/mime-funcs';
import { DeliveryKind, MailThreading } from '../deliveries/delivery.entity';

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

export interface ComposeInput {
  kind: DeliveryKind;
  to: string;
  from: string;
  ticketNumber: string | null;
  messageId: string | null;
  threading?: MailThreading;
  rendered: RenderedMessage;
}

/**
 * The RFC 3834 markers of a mail kind. Automatic mails say so, and ask Exchange-style
 * responders not to answer them; a reply written by an agent carries neither header.
 */
export function autoResponseHeaders(kind: DeliveryKind): Record<string, string> {
  if (kind === 'agent_reply') return {};

  const autoSubmitted = kind === 'acknowledgement' ? 'auto-replied' : 'auto-generated';

  return { 'Auto-Submitted': autoSubmitted, 'X-Auto-Response-Suppress': 'All' };
}

/**
 * Puts `[#<number>]` into the subject when the template left out every ticket tag. A template
 * may tag another ticket on purpose, as the merge notice tags the ticket that continues.
 */
export function subjectWithTicketNumber(subject: string, ticketNumber: string | null): string {
  const clean = subject.replace(/[\r\n]+/g, ' ').trim();
  if (!ticketNumber || /\[#\d+\]/.test(clean)) return clean;

  return `[#${ticketNumber}] ${clean}`;
}

/**
 * Encodes a subject that contains `=?` into a prepared Subject header, and returns null for any
 * other subject. nodemailer 7.0 encodes a subject only when it contains a non-ASCII character or
 * a double quote, so a title such as `=?utf-8?B?SGFsbG8=?=` would otherwise reach the recipient
 * as an RFC 2047 encoded word and read "Hallo".
 */
export function preparedSubjectHeader(subject: string): { prepared: true; value: string } | null {
  if (!subject.includes('=?')) return null;

  // Q encoding writes spaces as "_", so the only spaces left separate the encoded words, and
  // each of them starts a folded line to keep the header within 78 characters.
  const words = mimeFuncs.encodeWord(subject, 'Q', 52).split(' ');

  return { prepared: true, value: words.join('\r\n ') };
}

/** Builds the nodemailer message of one email delivery. */
export function composeMail(input: ComposeInput): SendMailOptions {
  const references = input.threading?.references?.filter(Boolean) ?? [];
  const subject = subjectWithTicketNumber(input.rendered.subject, input.ticketNumber);
  const preparedSubject = preparedSubjectHeader(subject);
  const headers = autoResponseHeaders(input.kind);

  return {
    from: input.from,
    to: input.to,
    subject: preparedSubject ? undefined : subject,
    text: input.rendered.text,
    html: input.rendered.html,
    messageId: input.messageId ?? undefined,
    inReplyTo: input.threading?.inReplyTo ?? undefined,
    references: references.length > 0 ? references : undefined,
    headers: preparedSubject ? { ...headers, Subject: preparedSubject } : headers,
  };
}
