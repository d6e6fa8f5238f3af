import { ChangeSet } from './change-set';
import { assertTransition, resolvePendingUntil, TICKET_STATES } from './ticket-states';
import { Ticket } from './ticket.entity';

/**
 * Moves a ticket to a state after checking the transition and the pending time, and stamps
 * the first resolution and close. Setting the current state again with a pending time only
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

  assertTransition(ticket.number, ticket.state, toState, ticket.mergedIntoId);
  const pending = resolvePendingUntil(toState, pendingUntil, now);
  const type = TICKET_STATES[toState];
  changes.set('state', toState);
  ticket.stateType = type;
  changes.set('pendingUntil', pending);
  if (type === 'resolved' || type === 'closed') ticket.resolvedAt ??= now;
  if (type === 'closed') ticket.closedAt ??= now;
}
