import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  SlaAppliedPayload,
  SlaClockAlertPayload,
  SlaClockChangedPayload,
  SlaClockMetPayload,
} from '@deskflow/contracts';
import { EventContext } from '@deskflow/messaging';
import { fromSlaAlert } from './notification-event';
import { NotificationDispatchService } from './notification-dispatch.service';

/**
 * Consumes `sla.events`. Escalation notices come only from `sla.warning` and `sla.breached`, so
 * a deactivated policy, which the SLA service stops alerting for, produces no further notice.
 */
@Controller()
export class SlaEventsHandler {
  constructor(private readonly dispatch: NotificationDispatchService) {}

  @EventPattern('sla.applied')
  async onApplied(@Payload() data: SlaAppliedPayload, @Ctx() ctx: EventContext): Promise<void> {
    await this.dispatch.slaApplied(ctx, data);
  }

  @EventPattern('sla.warning')
  async onWarning(@Payload() data: SlaClockAlertPayload, @Ctx() ctx: EventContext): Promise<void> {
    await this.dispatch.slaAlert(ctx, fromSlaAlert(ctx.envelope, data));
  }

  @EventPattern('sla.breached')
  async onBreached(@Payload() data: SlaClockAlertPayload, @Ctx() ctx: EventContext): Promise<void> {
    await this.dispatch.slaAlert(ctx, fromSlaAlert(ctx.envelope, data));
  }

  @EventPattern('sla.met')
  async onMet(@Payload() data: SlaClockMetPayload, @Ctx() ctx: EventContext): Promise<void> {
    await this.dispatch.webhooksOnly(ctx, data.ticketId);
  }

  @EventPattern('sla.paused')
  async onPaused(@Payload() data: SlaClockChangedPayload, @Ctx() ctx: EventContext): Promise<void> {
    await this.dispatch.webhooksOnly(ctx, data.ticketId);
  }

  @EventPattern('sla.resumed')
  async onResumed(
    @Payload() data: SlaClockChangedPayload,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.dispatch.webhooksOnly(ctx, data.ticketId);
  }

  /** Forwards a cancelled clock (policy deactivated, ticket closed) to webhooks only. */
  @EventPattern('sla.cancelled')
  async onCancelled(
    @Payload() data: SlaClockChangedPayload,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.dispatch.webhooksOnly(ctx, data.ticketId);
  }
}
