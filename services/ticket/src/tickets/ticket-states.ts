import { TicketStateType } from '@deskflow/contracts';
import { AppError, ConflictError, ValidationFailedError } from '@deskflow/http';

/** The state names a ticket can have, each with the type that drives clocks and rules. */
export const TICKET_STATES: Readonly<Record<string, TicketStateType>> = {
  new: 'new',
  open: 'open',
  in_progress: 'open',
  pending_reminder: 'pending_reminder',
  pending_customer: 'pending_customer',
  resolved: 'resolved',
  closed: 'closed',
  merged: 'merged',
};

export const STATE_NAMES = Object.keys(TICKET_STATES);

/** Target state types reachable from each state type. `merged` is reached only by a merge. */
const TRANSITIONS: Readonly<Record<TicketStateType, readonly TicketStateType[]>> = {
  new: ['open', 'pending_reminder', 'pending_customer', 'resolved', 'closed'],
  open: ['open', 'pending_reminder', 'pending_customer', 'resolved', 'closed'],
  pending_reminder: ['open', 'pending_reminder', 'pending_customer', 'resolved', 'closed'],
  pending_customer: ['open', 'pending_reminder', 'pending_customer', 'resolved', 'closed'],
  resolved: ['open', 'closed'],
  closed: ['open'],
  merged: [],
};

const INITIAL_STATE_TYPES: readonly TicketStateType[] = [
  'new',
  'open',
  'pending_reminder',
  'pending_customer',
];

/**
 * States a ticket may be created in: those of unfinished work. A resolved or closed ticket
 * must first exist in one of them, so that its resolution is a recorded transition, and
 * `merged` is reached only by a merge.
 */
export const INITIAL_STATES = STATE_NAMES.filter((name) =>
  INITIAL_STATE_TYPES.includes(TICKET_STATES[name]),
);

/** Returns the validation reason for a state outside INITIAL_STATES on ticket creation. */
export function notInitialStateReason(state: unknown): string {
  return `a ticket cannot be created in state ${String(state)}; allowed: ${INITIAL_STATES.join(', ')}`;
}

/**
 * States an update or state change may request. `merged` is reached only by a merge, and `new`
 * is accepted only as the unchanged state of a ticket that is still new.
 */
export const REQUESTABLE_STATES = STATE_NAMES.filter((name) => TICKET_STATES[name] !== 'merged');

export function allowedStates(from: TicketStateType): string[] {
  return STATE_NAMES.filter((name) => TRANSITIONS[from].includes(TICKET_STATES[name]));
}

export class TicketMergedError extends ConflictError {
  constructor(number: string, mergedIntoId: string | null) {
    super(
      'ticket_merged',
      `ticket ${number} is merged into ${mergedIntoId} and accepts no changes`,
      [{ field: 'state', reason: 'the ticket is merged; change its target ticket instead' }],
    );
  }
}

export class InvalidTransitionError extends AppError {
  constructor(from: string, to: string, allowed: string[]) {
    super(
      'invalid_transition',
      `cannot change state from ${from} to ${to}; allowed: ${allowed.join(', ')}`,
      409,
      [{ field: 'state', reason: `not allowed from ${from}; allowed: ${allowed.join(', ')}` }],
    );
  }
}

/** Raises unless a ticket in `fromState` may move to `toState`. */
export function assertTransition(
  number: string,
  fromState: string,
  toState: string,
  mergedIntoId: string | null,
): void {
  const fromType = TICKET_STATES[fromState];
  if (fromType === 'merged') throw new TicketMergedError(number, mergedIntoId);

  if (!(toState in TICKET_STATES)) {
    throw new ValidationFailedError([
      { field: 'state', reason: `unknown state ${toState}; known: ${STATE_NAMES.join(', ')}` },
    ]);
  }
  const allowed = allowedStates(fromType);
  if (!allowed.includes(toState)) throw new InvalidTransitionError(fromState, toState, allowed);
}

/**
 * Checks the pending time a target state needs: required for `pending_reminder`, optional for
 * `pending_customer` (it then means an automatic close), not allowed otherwise. Returns the
 * value to store.
 */
export function resolvePendingUntil(
  toState: string,
  pendingUntil: Date | null | undefined,
  now: Date,
): Date | null {
  const type = TICKET_STATES[toState];
  const pending = type === 'pending_reminder' || type === 'pending_customer';
  if (!pending) {
    if (pendingUntil) {
      throw new ValidationFailedError([
        { field: 'pendingUntil', reason: `only allowed with a pending state, not ${toState}` },
      ]);
    }

    return null;
  }
  if (!pendingUntil) {
    if (type === 'pending_reminder') {
      throw new ValidationFailedError([
        { field: 'pendingUntil', reason: `required for state ${toState}` },
      ]);
    }

    return null;
  }
  if (pendingUntil.getTime() <= now.getTime()) {
    throw new ValidationFailedError([{ field: 'pendingUntil', reason: 'must be in the future' }]);
  }

  return pendingUntil;
}
