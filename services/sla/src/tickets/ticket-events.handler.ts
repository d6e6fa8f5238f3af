import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  TicketArticleAddedPayload,
  TicketArticleUpdatedPayload,
  TicketCreatedPayload,
  TicketEvents,
  TicketMergedPayload,
  TicketSnapshot,
  TicketStateChangedPayload,
} from '@deskflow/contracts';
import { EventContext } from '@deskflow/messaging';
import { TicketEventApplier } from './ticket-event-applier.service';

/** Consumes `ticket.events` and hands each event to the applier inside the inbox transaction. */
@Controller()
export class TicketEventsHandler {
  constructor(private readonly applier: TicketEventApplier) {}

  @EventPattern(TicketEvents.created.type)
  async onCreated(
    @Payload() data: TicketCreatedPayload,
    @Ctx() context: EventContext,
  ): Promise<void> {
    await this.applier.apply(context.manager, {
      snapshot: data.ticket,
      effectiveAt: new Date(data.ticket.createdAt),
      created: true,
      article: data.article,
    });
  }

  @EventPattern(TicketEvents.stateChanged.type)
  async onStateChanged(
    @Payload() data: TicketStateChangedPayload,
    @Ctx() context: EventContext,
  ): Promise<void> {
    await this.applier.apply(context.manager, {
      snapshot: data.ticket,
      effectiveAt: new Date(data.changedAt),
    });
  }

  @EventPattern(TicketEvents.articleAdded.type)
  async onArticleAdded(
    @Payload() data: TicketArticleAddedPayload,
    @Ctx() context: EventContext,
  ): Promise<void> {
    await this.applier.apply(context.manager, {
      snapshot: data.ticket,
      effectiveAt: new Date(data.ticket.updatedAt),
      article: data.article,
    });
  }

  @EventPattern(TicketEvents.articleUpdated.type)
  async onArticleUpdated(
    @Payload() data: TicketArticleUpdatedPayload,
    @Ctx() context: EventContext,
  ): Promise<void> {
    await this.applier.apply(context.manager, {
      snapshot: data.ticket,
      effectiveAt: new Date(data.changedAt),
      article: data.article,
      articleUpdated: true,
    });
  }

  @EventPattern(TicketEvents.merged.type)
  async onMerged(
    @Payload() data: TicketMergedPayload,
    @Ctx() context: EventContext,
  ): Promise<void> {
    await this.applier.apply(context.manager, {
      snapshot: data.ticket,
      effectiveAt: new Date(data.mergedAt),
    });
  }

  @EventPattern(TicketEvents.updated.type)
  async onUpdated(
    @Payload() data: { ticket: TicketSnapshot },
    @Ctx() context: EventContext,
  ): Promise<void> {
    await this.applySnapshot(data.ticket, context);
  }

  @EventPattern(TicketEvents.assigned.type)
  async onAssigned(
    @Payload() data: { ticket: TicketSnapshot },
    @Ctx() context: EventContext,
  ): Promise<void> {
    await this.applySnapshot(data.ticket, context);
  }

  @EventPattern(TicketEvents.linked.type)
  async onLinked(
    @Payload() data: { ticket: TicketSnapshot },
    @Ctx() context: EventContext,
  ): Promise<void> {
    await this.applySnapshot(data.ticket, context);
  }

  @EventPattern(TicketEvents.pendingReminder.type)
  async onPendingReminder(
    @Payload() data: { ticket: TicketSnapshot },
    @Ctx() context: EventContext,
  ): Promise<void> {
    await this.applySnapshot(data.ticket, context);
  }

  /** Applies an event that only carries a newer snapshot; its `updatedAt` is when it took effect. */
  private async applySnapshot(snapshot: TicketSnapshot, context: EventContext): Promise<void> {
    await this.applier.apply(context.manager, {
      snapshot,
      effectiveAt: new Date(snapshot.updatedAt),
    });
  }
}
