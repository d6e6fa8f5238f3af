import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ArticleSnapshot, SlaAppliedPayload, TicketSnapshot } from '@deskflow/contracts';
import { TicketSla } from './ticket-sla.entity';
import { TicketThread } from './ticket-thread.entity';

/** Keeps each ticket's mail thread and promised due times from ticket and SLA events. */
@Injectable()
export class ThreadProjectionService {
  /**
   * Records the ticket's latest number, title, queue and customer. The first customer
   * Message-ID is set once and never replaced, so every later mail points to the same root.
   */
  async applyTicket(
    manager: EntityManager,
    ticket: TicketSnapshot,
    article?: ArticleSnapshot | null,
  ): Promise<TicketThread> {
    const customerMessageId =
      article && article.senderType === 'customer' && article.messageId ? article.messageId : null;
    const rows: TicketThread[] = await manager.query(
      `INSERT INTO "notification"."ticket_thread" AS thread
         ("ticket_id", "number", "title", "queue_id", "customer_id", "customer_email", "customer_language",
          "first_message_id", "state_type", "updated_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
       ON CONFLICT ("ticket_id") DO UPDATE SET
         "number" = EXCLUDED."number", "title" = EXCLUDED."title", "queue_id" = EXCLUDED."queue_id",
         "customer_id" = EXCLUDED."customer_id",
         "customer_email" = COALESCE(EXCLUDED."customer_email", thread."customer_email"),
         "customer_language" = COALESCE(EXCLUDED."customer_language", thread."customer_language"),
         "first_message_id" = COALESCE(thread."first_message_id", EXCLUDED."first_message_id"),
         "state_type" = EXCLUDED."state_type", "updated_at" = now()
       RETURNING "ticket_id" AS "ticketId", "number", "title", "queue_id" AS "queueId",
         "customer_id" AS "customerId", "customer_email" AS "customerEmail",
         "customer_language" AS "customerLanguage", "first_message_id" AS "firstMessageId",
         "state_type" AS "stateType", "updated_at" AS "updatedAt"`,
      [
        ticket.id,
        ticket.number,
        ticket.title,
        ticket.queueId,
        ticket.customer.id,
        ticket.customer.email ?? null,
        ticket.customer.language ?? null,
        customerMessageId,
        ticket.stateType,
      ],
    );

    return rows[0];
  }

  /** Stores the first-response and resolution due times of the clocks now applying. */
  async applySla(manager: EntityManager, sla: SlaAppliedPayload): Promise<void> {
    const dueOf = (kind: string) => sla.clocks.find((clock) => clock.kind === kind)?.dueAt ?? null;
    await manager.getRepository(TicketSla).upsert(
      {
        ticketId: sla.ticketId,
        firstResponseDueAt: toDate(dueOf('first_response')),
        resolutionDueAt: toDate(dueOf('resolution')),
      },
      ['ticketId'],
    );
  }

  async thread(manager: EntityManager, ticketId: string): Promise<TicketThread | null> {
    return manager.getRepository(TicketThread).findOneBy({ ticketId });
  }

  async sla(manager: EntityManager, ticketId: string): Promise<TicketSla | null> {
    return manager.getRepository(TicketSla).findOneBy({ ticketId });
  }
}

function toDate(iso: string | null): Date | null {
  return iso ? new Date(iso) : null;
}
