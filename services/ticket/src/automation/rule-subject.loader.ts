import { EntityManager } from 'typeorm';
import { Article } from '../articles/article.entity';
import { Organisation } from '../people/organisation.entity';
import { Ticket } from '../tickets/ticket.entity';
import { RuleSubject } from './rule-model';

/** Text of the ticket's first article, which rules treat as the body. */
export async function openingBody(manager: EntityManager, ticketId: string): Promise<string> {
  const first = await manager.findOne(Article, {
    where: { ticketId },
    order: { createdAt: 'ASC', id: 'ASC' },
  });

  return first?.bodyText ?? '';
}

/** Builds what rules test from a stored ticket, its organisation's tier and the given body. */
export async function loadRuleSubject(
  manager: EntityManager,
  ticket: Ticket,
  body: string,
): Promise<RuleSubject> {
  const organisation = ticket.organisationId
    ? await manager.findOneBy(Organisation, { id: ticket.organisationId })
    : null;

  return {
    subject: ticket.title,
    body,
    channel: ticket.channel,
    customerId: ticket.customerId,
    organisationId: ticket.organisationId,
    organisationTier: organisation?.serviceTier ?? null,
    queueId: ticket.queueId,
    type: ticket.type,
    priority: ticket.priority,
    priorityExplicit: ticket.priorityExplicit,
    impact: ticket.impact,
    urgency: ticket.urgency,
    ownerId: ticket.ownerId,
    tags: ticket.tags,
    customFields: ticket.customFields,
  };
}
