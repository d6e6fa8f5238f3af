import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  SlaAppliedPayload,
  SlaClockAlertPayload,
  SlaClockChangedPayload,
  SlaClockMetPayload,
} from '@deskflow/contracts';
import { EventContext } from '@deskflow/messaging';
import { SlaProjectionService } from './sla-projection.service';

/** Applies the SLA service's clock events to the local projection, in the inbox transaction. */
@Controller()
export class SlaEventsHandler {
  constructor(private readonly projection: SlaProjectionService) {}

  @EventPattern('sla.applied')
  async onApplied(@Payload() data: SlaAppliedPayload, @Ctx() ctx: EventContext): Promise<void> {
    await this.projection.applied(ctx.manager, data, ctx.envelope.time);
  }

  @EventPattern('sla.met')
  async onMet(@Payload() data: SlaClockMetPayload, @Ctx() ctx: EventContext): Promise<void> {
    await this.projection.clockChanged(
      ctx.manager,
      data.ticketId,
      data.clockId,
      data.kind,
      { status: 'met', metAt: data.metAt, breached: data.breached },
      ctx.envelope.time,
    );
  }

  @EventPattern('sla.breached')
  async onBreached(@Payload() data: SlaClockAlertPayload, @Ctx() ctx: EventContext): Promise<void> {
    await this.projection.clockChanged(
      ctx.manager,
      data.ticketId,
      data.clockId,
      data.kind,
      { status: 'breached', dueAt: data.dueAt, breached: true },
      ctx.envelope.time,
    );
  }

  @EventPattern('sla.warning')
  async onWarning(@Payload() data: SlaClockAlertPayload, @Ctx() ctx: EventContext): Promise<void> {
    await this.projection.clockChanged(
      ctx.manager,
      data.ticketId,
      data.clockId,
      data.kind,
      { dueAt: data.dueAt, warned: true },
      ctx.envelope.time,
    );
  }

  @EventPattern('sla.paused')
  async onPaused(@Payload() data: SlaClockChangedPayload, @Ctx() ctx: EventContext): Promise<void> {
    await this.projection.clockChanged(
      ctx.manager,
      data.ticketId,
      data.clockId,
      data.kind,
      { status: 'paused', dueAt: null },
      ctx.envelope.time,
    );
  }

  @EventPattern('sla.resumed')
  async onResumed(
    @Payload() data: SlaClockChangedPayload,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.projection.clockChanged(
      ctx.manager,
      data.ticketId,
      data.clockId,
      data.kind,
      { status: 'running', dueAt: data.dueAt ?? null },
      ctx.envelope.time,
    );
  }

  @EventPattern('sla.cancelled')
  async onCancelled(
    @Payload() data: SlaClockChangedPayload,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.projection.clockChanged(
      ctx.manager,
      data.ticketId,
      data.clockId,
      data.kind,
      { status: 'cancelled', dueAt: null },
      ctx.envelope.time,
    );
  }
}
