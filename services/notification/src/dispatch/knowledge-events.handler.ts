import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  KnowledgeArticlePayload,
  KnowledgeEvents,
  KnowledgeSolutionLinkedPayload,
} from '@deskflow/contracts';
import { EventContext } from '@deskflow/messaging';
import { NotificationDispatchService } from './notification-dispatch.service';

/**
 * Consumes `knowledge.events`. No notification rule reacts to knowledge articles, so these
 * events go only to the webhook subscriptions whose filter matches them.
 */
@Controller()
export class KnowledgeEventsHandler {
  constructor(private readonly dispatch: NotificationDispatchService) {}

  @EventPattern(KnowledgeEvents.published.type)
  async onPublished(
    @Payload() _data: KnowledgeArticlePayload,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.dispatch.webhooksOnly(ctx, null);
  }

  @EventPattern(KnowledgeEvents.updated.type)
  async onUpdated(
    @Payload() _data: KnowledgeArticlePayload,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.dispatch.webhooksOnly(ctx, null);
  }

  @EventPattern(KnowledgeEvents.archived.type)
  async onArchived(
    @Payload() _data: KnowledgeArticlePayload,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.dispatch.webhooksOnly(ctx, null);
  }

  @EventPattern(KnowledgeEvents.solutionLinked.type)
  async onSolutionLinked(
    @Payload() data: KnowledgeSolutionLinkedPayload,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.dispatch.webhooksOnly(ctx, data.ticketId);
  }
}
