import { TicketStateType } from '@deskflow/contracts';

/** The status shown to a customer, in plain words, for each state type. */
const PLAIN_STATUS: Readonly<Record<TicketStateType, string>> = {
  new: 'Received',
  open: 'In progress',
  // The desk waits for its own reminder, so for the customer the work is still going on.
  pending_reminder: 'In progress',
  pending_customer: 'Waiting for you',
  resolved: 'Resolved',
  closed: 'Closed',
  merged: 'Merged',
};

export function plainStatus(stateType: TicketStateType): string {
  return PLAIN_STATUS[stateType];
}

/** A promised time from the SLA projection and whether the desk kept it. */
export interface PromisedTime {
  dueAt: string | null;
  metAt: string | null;
  /** True when met on time, false when breached (also when met late), null while open. */
  met: boolean | null;
}

export interface ClockRow {
  kind: string;
  status: string;
  due_at: Date | null;
  met_at: Date | null;
  breached: boolean;
}

export function promisedTime(clock: ClockRow | undefined): PromisedTime | null {
  if (!clock || clock.status === 'cancelled') return null;

  let met: boolean | null = null;
  if (clock.breached) met = false;
  else if (clock.status === 'met') met = true;

  return {
    dueAt: clock.due_at?.toISOString() ?? null,
    metAt: clock.met_at?.toISOString() ?? null,
    met,
  };
}
