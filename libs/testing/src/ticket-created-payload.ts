import { randomUUID } from 'node:crypto';
import { TicketCreatedPayload } from '@deskflow/contracts';

/** Builds a valid `ticket.created` payload for messaging tests. */
export function ticketCreatedPayload(title: string, ticketId = randomUUID()): TicketCreatedPayload {
  const now = new Date().toISOString();

  return {
    ticket: {
      id: ticketId,
      number: '2026120410000001',
      title,
      state: 'new',
      stateType: 'new',
      priority: 'P3',
      type: 'incident',
      channel: 'api',
      queueId: randomUUID(),
      queueName: 'IT',
      customer: { id: randomUUID(), email: 'erika@example.org', language: 'de' },
      tags: [],
      watcherIds: [],
      createdAt: now,
      updatedAt: now,
    },
  };
}
