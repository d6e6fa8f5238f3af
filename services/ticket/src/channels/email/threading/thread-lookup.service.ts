import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TicketStateType } from '@deskflow/contracts';
import { QueuesService } from '../../../queues/queues.service';
import { EMAIL_SETTINGS, EmailSettings } from '../email-settings';
import { ParsedMail } from '../parsing/parsed-mail';
import { ticketNumberInMessageId } from './desk-message-id';
import { subjectTagPattern, ticketNumbersInSubject, untaggedSubject } from './subject-tag';
import { ThreadTicket } from './thread-decision';

interface TicketRow {
  id: string;
  number: string;
  stateType: TicketStateType;
  customerAddress: string;
  queueId: string;
  participants: string[] | null;
}

/** Merges form chains; following more links than this means the data is corrupt. */
const MAX_MERGE_DEPTH = 32;

/** Finds the tickets an inbound mail names, by Message-ID headers and by subject tag. */
@Injectable()
export class ThreadLookupService {
  private readonly tagPattern: RegExp;

  constructor(
    @Inject(EMAIL_SETTINGS) private readonly settings: EmailSettings,
    private readonly queues: QueuesService,
  ) {
    this.tagPattern = subjectTagPattern(settings.subjectTag);
  }

  /**
   * Returns the ticket of the newest known message in In-Reply-To, then References from the
   * newest back, so that a reply to an ancestor message still finds the thread.
   */
  async byHeaders(
    manager: EntityManager,
    mail: ParsedMail,
    ids?: string[],
  ): Promise<ThreadTicket | null> {
    const candidates = ids ?? [
      ...new Set(
        [mail.inReplyTo, ...[...mail.references].reverse()].filter((id): id is string => !!id),
      ),
    ];
    for (const id of candidates) {
      const ticketId = await this.ticketOfMessageId(manager, id);
      if (ticketId) return this.load(manager, ticketId);
    }

    return null;
  }

  /** Returns the subject without the tags of this desk's tickets. */
  untagged(subject: string): string {
    return untaggedSubject(subject, this.tagPattern);
  }

  async bySubject(manager: EntityManager, subject: string): Promise<ThreadTicket[]> {
    const tickets: ThreadTicket[] = [];
    for (const number of ticketNumbersInSubject(subject, this.tagPattern)) {
      const rows: { id: string }[] = await manager.query(
        `SELECT "id" FROM "ticket"."ticket" WHERE "number" = $1`,
        [number],
      );
      const ticket = rows[0] ? await this.load(manager, rows[0].id) : null;
      if (ticket) tickets.push(ticket);
    }

    return tickets;
  }

  private async ticketOfMessageId(
    manager: EntityManager,
    messageId: string,
  ): Promise<string | null> {
    const number = ticketNumberInMessageId(messageId, this.settings.mailDomain);
    if (number) {
      const rows: { id: string }[] = await manager.query(
        `SELECT "id" FROM "ticket"."ticket" WHERE "number" = $1`,
        [number],
      );
      if (rows[0]) return rows[0].id;
    }

    const rows: { ticketId: string }[] = await manager.query(
      `SELECT "ticket_id" AS "ticketId" FROM "ticket"."article" WHERE "message_id" = $1
       UNION ALL
       SELECT "ticket_id" FROM "ticket"."inbound_mail" WHERE "message_id" = $1 AND "ticket_id" IS NOT NULL
       LIMIT 1`,
      [messageId],
    );

    return rows[0]?.ticketId ?? null;
  }

  /** Loads a ticket for threading, following merges to the final target. */
  async load(manager: EntityManager, ticketId: string): Promise<ThreadTicket | null> {
    const rows: TicketRow[] = await manager.query(
      `WITH RECURSIVE chain ("id", "merged_into_id", "depth") AS (
         SELECT "id", "merged_into_id", 0 FROM "ticket"."ticket" WHERE "id" = $1
         UNION ALL
         SELECT t."id", t."merged_into_id", c."depth" + 1
         FROM chain c JOIN "ticket"."ticket" t ON t."id" = c."merged_into_id"
         WHERE c."depth" < $2
       )
       SELECT t."id", t."number", t."state_type" AS "stateType", lower(cu."email") AS "customerAddress",
              t."queue_id" AS "queueId",
              (SELECT array_agg(p."address") FROM "ticket"."mail_participant" p WHERE p."ticket_id" = t."id") AS "participants"
       FROM chain c
       JOIN "ticket"."ticket" t ON t."id" = c."id"
       JOIN "ticket"."customer" cu ON cu."id" = t."customer_id"
       WHERE c."merged_into_id" IS NULL`,
      [ticketId, MAX_MERGE_DEPTH],
    );
    const row = rows[0];
    if (!row) return null;

    return {
      id: row.id,
      number: row.number,
      stateType: row.stateType,
      customerAddress: row.customerAddress,
      participantAddresses: row.participants ?? [],
      closedReplyPolicy: await this.queues.closedTicketReplyPolicy(manager, row.queueId),
    };
  }
}
