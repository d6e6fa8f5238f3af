import { FieldChange, TicketCreatedPayload, TicketSnapshot } from '@deskflow/contracts';
import { toArticleSnapshot } from '../articles/article-presenter';
import { Article } from '../articles/article.entity';
import { ArticleInput, WrittenArticle } from '../articles/article-writer.service';
import { TicketActor } from '../common/ticket-actor';
import { Customer } from '../people/customer.entity';
import { Queue } from '../queues/queue.entity';
import { Ticket } from './ticket.entity';
import { TicketRefs } from './ticket-refs.loader';

/** A ticket as its creation wrote it. */
export interface CreatedTicket {
  ticket: Ticket;
  refs: TicketRefs;
  article: WrittenArticle | null;
}

/** A new ticket, checked and built with its fields, before anything is written. */
export interface PlannedTicket {
  actor: TicketActor;
  ticket: Ticket;
  queue: Queue;
  customer: Customer;
  now: Date;
  article?: ArticleInput;
  suppressAutoReply: boolean;
}

/** The history entry of a creation. */
export function createdChange(planned: PlannedTicket): FieldChange {
  const { ticket, queue } = planned;

  return {
    field: 'created',
    before: null,
    after: { number: ticket.number, title: ticket.title, state: ticket.state, queueId: queue.id },
  };
}

export function createdPayload(
  planned: PlannedTicket,
  snapshot: TicketSnapshot,
  article: Article | null,
): TicketCreatedPayload {
  return {
    ticket: snapshot,
    article: article ? toArticleSnapshot(article) : null,
    suppressAutoReply: planned.suppressAutoReply,
  };
}
