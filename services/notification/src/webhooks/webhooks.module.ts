import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DeliveryStoreModule } from '../deliveries/delivery-store.module';
import { WebhookSenderService } from './webhook-sender.service';
import { WebhookSubscription } from './webhook-subscription.entity';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

@Module({
  imports: [TypeOrmModule.forFeature([WebhookSubscription]), DeliveryStoreModule],
  controllers: [WebhooksController],
  providers: [WebhooksService, WebhookSenderService],
  exports: [WebhooksService, WebhookSenderService],
})
export class WebhooksModule {}
