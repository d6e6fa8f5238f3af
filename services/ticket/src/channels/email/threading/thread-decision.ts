import { TicketStateType } from '@deskflow/contracts';

/** Handling of a reply to a closed ticket, set per queue. */
export type ClosedTicketReplyPolicy = 'reopen' | 'follow_up';

/** A ticket that an inbound mail may belong to, after following merges to the final target. */
export interface ThreadTicket {
  id: string;
  number: string;
  stateType: TicketStateType;
  customerAddress: string;
  /** Addresses that took part in the ticket's mail: senders, To and Cc recipients, agents. */
  participantAddresses: string[];
  closedReplyPolicy: ClosedTicketReplyPolicy;
}

export interface ThreadInput {
  senderAddress: string;
  senderIsAgent: boolean;
  /** The ticket of a Message-ID named in In-Reply-To or References, if any. */
  headerTicket: ThreadTicket | null;
  /** Tickets whose number the subject tags, in order of appearance. */
  subjectTickets: ThreadTicket[];
}

export type ThreadDecision =
  | {
      action: 'append';
      ticket: ThreadTicket;
      matchedBy: 'header' | 'subject';
      /** The sender is neither the customer, a participant nor an agent. */
      thirdParty: boolean;
      reopen: boolean;
    }
  | { action: 'follow_up'; previous: ThreadTicket; matchedBy: 'header' | 'subject' }
  | { action: 'create' };

function knowsSender(ticket: ThreadTicket, input: ThreadInput): boolean {
  const sender = input.senderAddress.toLowerCase();

  return (
    input.senderIsAgent ||
    ticket.customerAddress.toLowerCase() === sender ||
    ticket.participantAddresses.some((address) => address.toLowerCase() === sender)
  );
}

function attach(
  ticket: ThreadTicket,
  matchedBy: 'header' | 'subject',
  input: ThreadInput,
): ThreadDecision {
  const closed = ticket.stateType === 'closed';
  if (closed && !input.senderIsAgent && ticket.closedReplyPolicy === 'follow_up') {
    return { action: 'follow_up', previous: ticket, matchedBy };
  }

  const reopen = !input.senderIsAgent && (closed || ticket.stateType === 'resolved');

  return { action: 'append', ticket, matchedBy, thirdParty: !knowsSender(ticket, input), reopen };
}

/**
 * Decides which ticket an inbound mail belongs to. A header match names a message the ticket
 * already holds, so it attaches the mail whoever sends it (and marks a stranger as a third
 * party). A subject tag alone is easy to copy or guess, so it attaches only mail from the
 * ticket's customer, a participant or an agent. Anything else opens a new ticket.
 */
export function decideThread(input: ThreadInput): ThreadDecision {
  if (input.headerTicket) return attach(input.headerTicket, 'header', input);

  const tagged = input.subjectTickets.find((ticket) => knowsSender(ticket, input));
  if (tagged) return attach(tagged, 'subject', input);

  return { action: 'create' };
}
