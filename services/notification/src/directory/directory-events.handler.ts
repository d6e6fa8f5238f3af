import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { AgentChangedPayload, QueueChangedPayload } from '@deskflow/contracts';
import { EventContext } from '@deskflow/messaging';
import { NotificationDispatchService } from '../dispatch/notification-dispatch.service';
import { DirectoryProjectionService } from './directory-projection.service';

/** Keeps the agent and queue projections current from `ticket.events`. */
@Controller()
export class DirectoryEventsHandler {
  constructor(
    private readonly directory: DirectoryProjectionService,
    private readonly dispatch: NotificationDispatchService,
  ) {}

  @EventPattern('directory.agent_changed')
  async onAgentChanged(
    @Payload() data: AgentChangedPayload,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.directory.applyAgent(ctx.manager, data);
    await this.dispatch.webhooksOnly(ctx, null);
  }

  @EventPattern('directory.queue_changed')
  async onQueueChanged(
    @Payload() data: QueueChangedPayload,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.directory.applyQueue(ctx.manager, data);
    await this.dispatch.webhooksOnly(ctx, null);
  }
}
