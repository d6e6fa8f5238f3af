import type { SendMailOptions } from 'nodemailer';
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

/** Puts `[#<number>]` into the subject when the template left it out. */
export function subjectWithTicketNumber(subject: string, ticketNumber: string | null): string {
  const clean = subject.replace(/[\r\n]+/g, ' ').trim();
  if (!ticketNumber || clean.includes(`[#${ticketNumber}]`)) return clean;

  return `[#${ticketNumber}] ${clean}`;
}

/** Builds the nodemailer message of one email delivery. */
export function composeMail(input: ComposeInput): SendMailOptions {
  const references = input.threading?.references?.filter(Boolean) ?? [];

  return {
    from: input.from,
    to: input.to,
    subject: subjectWithTicketNumber(input.rendered.subject, input.ticketNumber),
    text: input.rendered.text,
    html: input.rendered.html,
    messageId: input.messageId ?? undefined,
    inReplyTo: input.threading?.inReplyTo ?? undefined,
    references: references.length > 0 ? references : undefined,
    headers: autoResponseHeaders(input.kind),
  };
}
