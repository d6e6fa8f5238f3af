import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { TicketEvents } from '@deskflow/contracts';
import { rootLogger } from '@deskflow/observability';
import { ArticleWriter } from '../articles/article-writer.service';
import { SYSTEM_ACTOR } from '../common/ticket-actor';
import { ChangeSet } from '../tickets/change-set';
import { applyState } from '../tickets/state-change';
import { TicketEventsPublisher } from '../tickets/ticket-events.publisher';
import { Ticket } from '../tickets/ticket.entity';
import { TicketsService } from '../tickets/tickets.service';
import { reminderSettings, ReminderSettings } from './reminder-settings';

export interface PendingRunResult {
  reopened: number;
  autoResolved: number;
}

/**
 * Moves pending tickets on when their time comes: a `pending_reminder` ticket reopens at its
 * pending-until time and its owner is notified through `ticket.pending_reminder_reached`; a
 * `pending_customer` ticket is resolved with an internal note at its pending-until time or,
 * without one, after the configured hours without a customer answer. Due tickets are claimed
 * with FOR UPDATE SKIP LOCKED, so replicas share the work and never handle a ticket twice.
 */
@Injectable()
export class PendingTicketsService {
  private readonly logger = rootLogger().child({ context: 'PendingTicketsService' });
  readonly settings: ReminderSettings = reminderSettings();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tickets: TicketsService,
    private readonly events: TicketEventsPublisher,
    private readonly writer: ArticleWriter,
  ) {}

  /** Handles every ticket due at `now`, one batch per transaction. */
  async processDue(now: Date): Promise<PendingRunResult> {
    const result: PendingRunResult = { reopened: 0, autoResolved: 0 };
    for (;;) {
      const batch = await this.dataSource.transaction((manager) => this.processBatch(manager, now));
      result.reopened += batch.reopened;
      result.autoResolved += batch.autoResolved;
      if (batch.reopened + batch.autoResolved < this.settings.batchSize) return result;
    }
  }

  private async processBatch(manager: EntityManager, now: Date): Promise<PendingRunResult> {
    const rows: { id: string }[] = await manager.query(
      `SELECT t."id" FROM "ticket"."ticket" t
       WHERE t."state_type" IN ('pending_reminder', 'pending_customer') AND (
         (t."pending_until" IS NOT NULL AND t."pending_until" <= $1)
         OR (t."state_type" = 'pending_customer' AND t."pending_until" IS NULL AND COALESCE(
               (SELECT max(h."created_at") FROM "ticket"."ticket_history" h WHERE h."ticket_id" = t."id" AND h."field" = 'state'),
               t."created_at") <= $1::timestamptz - make_interval(secs => $2)))
       ORDER BY t."pending_until" NULLS LAST, t."id"
       LIMIT $3
       FOR UPDATE OF t SKIP LOCKED`,
      [now, this.settings.autoResolveAfterHours * 3600, this.settings.batchSize],
    );
    const result: PendingRunResult = { reopened: 0, autoResolved: 0 };
    for (const { id } of rows) {
      const ticket = await manager.findOneByOrFail(Ticket, { id });
      if (ticket.stateType === 'pending_reminder') {
        await this.reopen(manager, ticket, now);
        result.reopened += 1;
      } else {
        await this.autoResolve(manager, ticket, now);
        result.autoResolved += 1;
      }
    }

    return result;
  }

  private async reopen(manager: EntityManager, ticket: Ticket, now: Date): Promise<void> {
    const dueAt = ticket.pendingUntil ?? now;
    const changes = new ChangeSet(ticket);
    applyState(ticket, changes, 'open', null, now);
    const refs = await this.tickets.commit(manager, SYSTEM_ACTOR, ticket, changes.changes, now);
    await this.events.publish(manager, TicketEvents.pendingReminder, SYSTEM_ACTOR, {
      ticket: await this.events.snapshot(manager, ticket, refs),
      dueAt: dueAt.toISOString(),
    });
    this.logger.info({ ticketId: ticket.id, dueAt }, 'pending reminder reached; ticket reopened');
  }

  private async autoResolve(manager: EntityManager, ticket: Ticket, now: Date): Promise<void> {
    const reason = ticket.pendingUntil
      ? `Resolved automatically: no answer from the customer by ${ticket.pendingUntil.toISOString()}.`
      : `Resolved automatically: no answer from the customer for ${this.settings.autoResolveAfterHours} hours.`;
    const changes = new ChangeSet(ticket);
    applyState(ticket, changes, 'resolved', null, now);
    const note = await this.writer.write(
      manager,
      ticket,
      {
        kind: 'note',
        senderType: 'system',
        visibility: 'internal',
        channel: ticket.channel,
        automatic: true,
        bodyText: reason,
      },
      now,
    );
    const refs = await this.tickets.commit(manager, SYSTEM_ACTOR, ticket, changes.changes, now, [
      {
        field: 'article',
        before: null,
        after: { id: note.article.id, senderType: 'system', visibility: 'internal' },
      },
    ]);
    await this.events.articleAdded(manager, SYSTEM_ACTOR, ticket, note.article, { refs });
    this.logger.info({ ticketId: ticket.id }, 'pending customer ticket resolved automatically');
  }
}
