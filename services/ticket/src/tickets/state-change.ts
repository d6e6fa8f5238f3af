import { TicketStateType } from '@deskflow/contracts';
import { ChangeSet } from './change-set';
import { assertTransition, resolvePendingUntil, TICKET_STATES } from './ticket-states';
import { Ticket } from './ticket.entity';

const RESOLVED_TYPES: TicketStateType[] = ['resolved', 'closed'];

/**
 * Moves a ticket to a state after checking the transition and the pending time, and stamps
 * the resolution and close times. `resolvedAt` and `closedAt` keep the first time, which SLA
 * targets measure. `lastResolvedAt` moves on each resolution after a reopen, which reports
 * measure. Closing a resolved ticket is not a new resolution. Setting the current state again with a pending time only
 * updates that time; without one it changes nothing.
 */
export function applyState(
  ticket: Ticket,
  changes: ChangeSet,
  toState: string,
  pendingUntil: Date | null | undefined,
  now: Date,
): void {
  if (toState === ticket.state && pendingUntil === undefined) return;

  // A new pending time in the same state is no transition, but a merged ticket takes no change.
  if (toState !== ticket.state || TICKET_STATES[ticket.state] === 'merged') {
    assertTransition(ticket.number, ticket.state, toState, ticket.mergedIntoId);
  }
  const pending = resolvePendingUntil(toState, pendingUntil, now);
  const type = TICKET_STATES[toState];
  const wasResolved = RESOLVED_TYPES.includes(ticket.stateType);
  changes.set('state', toState);
  ticket.stateType = type;
  changes.set('pendingUntil', pending);
  if (RESOLVED_TYPES.includes(type) && !wasResolved) {
    ticket.resolvedAt ??= now;
    ticket.lastResolvedAt = now;
  }
  if (type === 'closed') ticket.closedAt ??= now;
}
