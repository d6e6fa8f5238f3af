import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  TicketArticleAddedPayload,
  TicketArticleUpdatedPayload,
  TicketAssignedPayload,
  TicketCreatedPayload,
  TicketLinkedPayload,
  TicketMergedPayload,
  TicketPendingReminderPayload,
  TicketStateChangedPayload,
  TicketUpdatedPayload,
} from '@deskflow/contracts';
import { EventContext } from '@deskflow/messaging';
import {
  fromArticleAdded,
  fromMerged,
  fromStateChanged,
  fromTicketCreated,
  fromTicketEvent,
  fromUpdated,
} from './notification-event';
import { NotificationDispatchService } from './notification-dispatch.service';

/** Consumes ticket events from `ticket.events`. */
@Controller()
export class TicketEventsHandler {
  constructor(private readonly dispatch: NotificationDispatchService) {}

  @EventPattern('ticket.created')
  async onCreated(@Payload() data: TicketCreatedPayload, @Ctx() ctx: EventContext): Promise<void> {
    await this.dispatch.ticketEvent(
      ctx,
      data.ticket,
      fromTicketCreated(ctx.envelope, data),
      data.article,
    );
  }

  @EventPattern('ticket.article_added')
  async onArticleAdded(
    @Payload() data: TicketArticleAddedPayload,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.dispatch.ticketEvent(
      ctx,
      data.ticket,
      fromArticleAdded(ctx.envelope, data),
      data.article,
    );
  }

  @EventPattern('ticket.updated')
  async onUpdated(@Payload() data: TicketUpdatedPayload, @Ctx() ctx: EventContext): Promise<void> {
    await this.dispatch.ticketEvent(ctx, data.ticket, fromUpdated(ctx.envelope, data));
  }

  @EventPattern('ticket.state_changed')
  async onStateChanged(
    @Payload() data: TicketStateChangedPayload,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.dispatch.ticketEvent(ctx, data.ticket, fromStateChanged(ctx.envelope, data));
  }

  @EventPattern('ticket.assigned')
  async onAssigned(
    @Payload() data: TicketAssignedPayload,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.dispatch.ticketEvent(ctx, data.ticket, fromTicketEvent(ctx.envelope, data));
  }

  @EventPattern('ticket.merged')
  async onMerged(@Payload() data: TicketMergedPayload, @Ctx() ctx: EventContext): Promise<void> {
    await this.dispatch.ticketEvent(ctx, data.ticket, fromMerged(ctx.envelope, data));
  }

  @EventPattern('ticket.pending_reminder_reached')
  async onPendingReminder(
    @Payload() data: TicketPendingReminderPayload,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.dispatch.ticketEvent(ctx, data.ticket, fromTicketEvent(ctx.envelope, data));
  }

  @EventPattern('ticket.linked')
  async onLinked(@Payload() data: TicketLinkedPayload, @Ctx() ctx: EventContext): Promise<void> {
    await this.dispatch.ticketEvent(ctx, data.ticket, fromTicketEvent(ctx.envelope, data));
  }

  @EventPattern('ticket.article_updated')
  async onArticleUpdated(
    @Payload() data: TicketArticleUpdatedPayload,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.dispatch.ticketEvent(ctx, data.ticket, fromTicketEvent(ctx.envelope, data));
  }
}
