import { Channel } from '@deskflow/contracts';

/** The outcome of one inbound message as the email endpoint returned it. */
export interface EmailOutcome {
  file: string;
  category: string;
  status: string;
  ticketId: string | null;
  duplicate: boolean;
  reason: string | null;
}

/** A ticket this run created, with what the simulated people did to it. */
export interface RunTicket {
  id: string;
  channel: Channel;
  /** The row or file it came from. */
  origin: string;
  language: string;
  etag: string;
  answered: boolean;
  resolved: boolean;
}

/** What the replay did, for the report and the end-to-end test. */
export class RunLog {
  readonly startedAt = new Date();
  readonly emails: EmailOutcome[] = [];
  readonly tickets = new Map<string, RunTicket>();
  portalRows = 0;
  /** Portal tickets whose title was taken from the body because the subject was empty. */
  titlesFromBody = 0;
  suggestions = { requests: 0, shown: 0, ticketsWithSuggestions: 0, accepted: 0 };

  addTicket(ticket: Omit<RunTicket, 'answered' | 'resolved'>): RunTicket {
    const entry = { ...ticket, answered: false, resolved: false };
    this.tickets.set(ticket.id, entry);

    return entry;
  }

  ticketIds(): string[] {
    return [...this.tickets.keys()];
  }
}
