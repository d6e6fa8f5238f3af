import { Module } from '@nestjs/common';
import { EmailModule } from '../email/email.module';
import { InboxModule } from '../inbox/inbox.module';
import { TemplatesModule } from '../templates/templates.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { DeliveriesController } from './deliveries.controller';
import { DeliveriesService } from './deliveries.service';
import { DeliveryOutcomeService } from './delivery-outcome.service';
import { DeliveryRendererService } from './delivery-renderer.service';
import { DeliverySenderService } from './delivery-sender.service';
import { DeliveryWorker } from './delivery.worker';

@Module({
  imports: [TemplatesModule, EmailModule, WebhooksModule, InboxModule],
  controllers: [DeliveriesController],
  providers: [
    DeliveriesService,
    DeliveryRendererService,
    DeliverySenderService,
    DeliveryOutcomeService,
    DeliveryWorker,
  ],
})
export class DeliveriesModule {}
