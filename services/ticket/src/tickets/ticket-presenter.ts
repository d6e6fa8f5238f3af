import { TicketSnapshot } from '@deskflow/contracts';
import { Ticket } from './ticket.entity';
import { TicketRefs } from './ticket-refs.loader';

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

/** Builds the snapshot that every ticket event carries. */
export function toSnapshot(ticket: Ticket, refs: TicketRefs): TicketSnapshot {
  return {
    id: ticket.id,
    number: ticket.number,
    title: ticket.title,
    state: ticket.state,
    stateType: ticket.stateType,
    priority: ticket.priority,
    type: ticket.type,
    channel: ticket.channel,
    queueId: ticket.queueId,
    queueName: refs.queue.name,
    owner: refs.owner
      ? {
          id: refs.owner.id,
          email: refs.owner.email,
          name: refs.owner.name,
          language: refs.owner.language,
        }
      : null,
    customer: {
      id: refs.customer.id,
      email: refs.customer.email,
      name: refs.customer.name,
      language: refs.customer.language,
    },
    organisationId: ticket.organisationId,
    organisationTier: refs.organisation?.serviceTier ?? null,
    tags: ticket.tags,
    watcherIds: ticket.watcherIds,
    createdAt: ticket.createdAt.toISOString(),
    updatedAt: ticket.updatedAt.toISOString(),
    firstResponseAt: iso(ticket.firstResponseAt),
    resolvedAt: iso(ticket.resolvedAt),
    lastResolvedAt: iso(ticket.lastResolvedAt),
    closedAt: iso(ticket.closedAt),
    pendingUntil: iso(ticket.pendingUntil),
    mergedIntoId: ticket.mergedIntoId,
  };
}

/** A ticket as the API returns it. Customers get no staff-only fields. */
export function toView(ticket: Ticket, refs: TicketRefs, staff: boolean): Record<string, unknown> {
  const common = {
    id: ticket.id,
    number: ticket.number,
    title: ticket.title,
    state: ticket.state,
    stateType: ticket.stateType,
    priority: ticket.priority,
    impact: ticket.impact,
    urgency: ticket.urgency,
    type: ticket.type,
    channel: ticket.channel,
    queue: { id: refs.queue.id, name: refs.queue.name },
    owner: refs.owner ? { id: refs.owner.id, name: refs.owner.name } : null,
    customer: { id: refs.customer.id, name: refs.customer.name, email: refs.customer.email },
    organisation: refs.organisation
      ? { id: refs.organisation.id, name: refs.organisation.name }
      : null,
    hasAttachments: ticket.hasAttachments,
    pendingUntil: iso(ticket.pendingUntil),
    mergedIntoId: ticket.mergedIntoId,
    firstResponseAt: iso(ticket.firstResponseAt),
    resolvedAt: iso(ticket.resolvedAt),
    lastResolvedAt: iso(ticket.lastResolvedAt),
    closedAt: iso(ticket.closedAt),
    createdAt: ticket.createdAt.toISOString(),
    updatedAt: ticket.updatedAt.toISOString(),
    version: ticket.version,
  };
  if (!staff) return common;

  return {
    ...common,
    owner: refs.owner
      ? { id: refs.owner.id, name: refs.owner.name, email: refs.owner.email }
      : null,
    priorityExplicit: ticket.priorityExplicit,
    tags: ticket.tags,
    customFields: ticket.customFields,
    watcherIds: ticket.watcherIds,
  };
}
