import { Channel, COMMUNICATION_CHANNELS, SenderType } from '@deskflow/contracts';
import { fieldPath, FieldProblem, ValidationFailedError } from '@deskflow/http';
import { isSystemActor, TicketActor } from '../common/ticket-actor';
import { ArticleInput } from './article-writer.service';
import { NewArticleDto } from './dto/new-article.dto';

/** Fields that only integrations and the service itself may set, because they carry mail state. */
const INTEGRATION_ONLY: (keyof NewArticleDto)[] = [
  'messageId',
  'inReplyTo',
  'references',
  'automatic',
];

function checkRoleFields(actor: TicketActor, body: NewArticleDto, field: string): void {
  const problems: FieldProblem[] = [];
  const trusted = isSystemActor(actor) || actor.role === 'integration';
  for (const name of INTEGRATION_ONLY) {
    if (!trusted && body[name] !== undefined)
      problems.push({ field: fieldPath(field, name), reason: 'set by the service' });
  }
  if (actor.role === 'customer') {
    if (body.visibility === 'internal')
      problems.push({
        field: fieldPath(field, 'visibility'),
        reason: 'customers write public articles only',
      });
    if (body.kind === 'note')
      problems.push({ field: fieldPath(field, 'kind'), reason: 'customers cannot write notes' });
    if (body.senderType && body.senderType !== 'customer') {
      problems.push({
        field: fieldPath(field, 'senderType'),
        reason: 'customers write as customer only',
      });
    }
    // A customer's article comes from the customer's own address and goes to the desk.
    for (const name of ['from', 'to', 'cc'] as const) {
      if (body[name] !== undefined)
        problems.push({
          field: fieldPath(field, name),
          reason: 'set by the service for customers',
        });
    }
  }
  if (problems.length > 0) throw new ValidationFailedError(problems);
}

function defaultSender(actor: TicketActor, openingTicket: boolean): SenderType {
  if (actor.role === 'customer') return 'customer';
  if (actor.role === 'agent' || actor.role === 'admin') return openingTicket ? 'customer' : 'agent';

  return 'system';
}

/**
 * Returns the caller's own address when the caller is the sender. An agent who logs a
 * customer's message gets undefined, so that `withCustomerSender` can fill in the customer's
 * address where the ticket's customer is known.
 */
function defaultFrom(actor: TicketActor, senderType: SenderType): string | null | undefined {
  if (isSystemActor(actor)) return null;
  if (actor.role === 'customer' || actor.role === 'integration') return actor.email ?? null;
  if (senderType === 'agent') return actor.email ?? null;

  return senderType === 'customer' ? undefined : null;
}

/** Fills in the customer's address as `from` of a customer article that names no sender. */
export function withCustomerSender(input: ArticleInput, customerEmail: string): ArticleInput {
  if (input.senderType !== 'customer' || input.from !== undefined) return input;

  return { ...input, from: customerEmail };
}

function defaultChannel(actor: TicketActor, ticketChannel: Channel): Channel {
  if (actor.role === 'customer') return 'portal';
  if (actor.role === 'integration') return 'api';

  return COMMUNICATION_CHANNELS.includes(ticketChannel) ? ticketChannel : 'portal';
}

/**
 * Converts an article from a request body into writer input under the caller's role. Customers
 * write public messages, and agents write as agents. The opening article of a ticket that an
 * agent logs defaults to the customer as sender, as for a phone call; its `from` stays unset
 * for `withCustomerSender`. Only integrations may set mail headers. `field` is the article's
 * path in the request body, such as `article`, and prefixes the names in errors.
 */
export function toArticleInput(
  actor: TicketActor,
  body: NewArticleDto,
  ticketChannel: Channel,
  options: { openingTicket: boolean; field?: string },
): ArticleInput {
  const field = options.field ?? '';
  checkRoleFields(actor, body, field);
  const kind = body.kind ?? (body.visibility === 'internal' ? 'note' : 'message');
  const senderType = body.senderType ?? defaultSender(actor, options.openingTicket);

  return {
    kind,
    senderType,
    visibility: body.visibility ?? (kind === 'note' ? 'internal' : 'public'),
    channel:
      body.channel ??
      (options.openingTicket ? ticketChannel : defaultChannel(actor, ticketChannel)),
    automatic: body.automatic ?? false,
    authorId: isSystemActor(actor) || actor.role === 'integration' ? null : actor.id,
    from: body.from ?? defaultFrom(actor, senderType),
    to: body.to,
    cc: body.cc,
    subject: body.subject,
    bodyText: body.bodyText,
    bodyHtml: body.bodyHtml,
    messageId: body.messageId,
    inReplyTo: body.inReplyTo,
    references: body.references,
    requestPath: field,
    attachments: (body.attachments ?? []).map((attachment) => ({
      filename: attachment.filename,
      content: Buffer.from(attachment.contentBase64, 'base64'),
    })),
  };
}
