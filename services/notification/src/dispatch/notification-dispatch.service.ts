import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ArticleSnapshot, SlaAppliedPayload, TicketSnapshot } from '@deskflow/contracts';
import { EventContext } from '@deskflow/messaging';
import { returningRows } from '../common/returning-rows';
import { ThreadProjectionService } from '../threads/thread-projection.service';
import { WebhooksService } from '../webhooks/webhooks.service';
import { DeliveryPlannerService } from './delivery-planner.service';
import { DeliveryWriterService } from '../deliveries/delivery-writer.service';
import { NotificationEvent } from './notification-event';

/** The consumers' work per event, all inside the consumer's transaction. */
@Injectable()
export class NotificationDispatchService {
  constructor(
    private readonly threads: ThreadProjectionService,
    private readonly planner: DeliveryPlannerService,
    private readonly webhooks: WebhooksService,
    private readonly writer: DeliveryWriterService,
  ) {}

  /** Updates the ticket's thread, then plans notifications and webhook calls for the event. */
  async ticketEvent(
    ctx: EventContext,
    ticket: TicketSnapshot,
    event: NotificationEvent,
    article?: ArticleSnapshot | null,
  ): Promise<void> {
    const thread = await this.threads.applyTicket(ctx.manager, ticket, article);
    const planned = await this.planner.plan(ctx.manager, event, thread);
    await this.finish(ctx.manager, ctx, planned, ticket.id);
  }

  /** Plans notifications for an SLA alert; the alert's ticket snapshot does not update the thread. */
  async slaAlert(ctx: EventContext, event: NotificationEvent): Promise<void> {
    const thread = event.ticket ? await this.threads.thread(ctx.manager, event.ticket.id) : null;
    const planned = await this.planner.plan(ctx.manager, event, thread);
    await this.finish(ctx.manager, ctx, planned, event.ticket?.id ?? null);
  }

  /** Stores the due times and releases acknowledgements that were waiting for them. */
  async slaApplied(ctx: EventContext, sla: SlaAppliedPayload): Promise<void> {
    await this.threads.applySla(ctx.manager, sla);
    const released = await returningRows<{ id: string }>(
      ctx.manager,
      `UPDATE "notification"."delivery" SET "available_at" = now(), "awaits_sla" = false, "updated_at" = now()
        WHERE "ticket_id" = $1 AND "awaits_sla" AND "status" = 'queued' RETURNING "id"`,
      [sla.ticketId],
    );
    await this.finish(ctx.manager, ctx, released.length, sla.ticketId);
  }

  /** Only webhook subscribers hear about events that no rule reacts to. */
  async webhooksOnly(ctx: EventContext, ticketId: string | null): Promise<void> {
    await this.finish(ctx.manager, ctx, 0, ticketId);
  }

  private async finish(
    manager: EntityManager,
    ctx: EventContext,
    planned: number,
    ticketId: string | null,
  ): Promise<void> {
    const hooks = await this.webhooks.fanOut(manager, ctx.envelope, ticketId);
    if (planned + hooks > 0) await this.writer.wakeWorkers(manager);
  }
}
