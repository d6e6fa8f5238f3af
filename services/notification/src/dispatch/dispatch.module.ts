import { Module } from '@nestjs/common';
import { DeliveryStoreModule } from '../deliveries/delivery-store.module';
import { DigestsModule } from '../digests/digests.module';
import { DirectoryEventsHandler } from '../directory/directory-events.handler';
import { DirectoryModule } from '../directory/directory.module';
import { PreferencesModule } from '../preferences/preferences.module';
import { RulesModule } from '../rules/rules.module';
import { ThreadsModule } from '../threads/threads.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { DeliveryPlannerService } from './delivery-planner.service';
import { KnowledgeEventsHandler } from './knowledge-events.handler';
import { NotificationDispatchService } from './notification-dispatch.service';
import { RecipientResolverService } from './recipient-resolver.service';
import { SlaEventsHandler } from './sla-events.handler';
import { TicketEventsHandler } from './ticket-events.handler';

/** The consumers: projections, rules and deliveries planned per event. */
@Module({
  imports: [
    DirectoryModule,
    ThreadsModule,
    RulesModule,
    PreferencesModule,
    DeliveryStoreModule,
    DigestsModule,
    WebhooksModule,
  ],
  controllers: [
    TicketEventsHandler,
    SlaEventsHandler,
    KnowledgeEventsHandler,
    DirectoryEventsHandler,
  ],
  providers: [DeliveryPlannerService, RecipientResolverService, NotificationDispatchService],
})
export class DispatchModule {}
