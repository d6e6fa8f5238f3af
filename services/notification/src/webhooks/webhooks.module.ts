import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DeliveryStoreModule } from '../deliveries/delivery-store.module';
import { NOTIFICATION_SETTINGS, NotificationSettings } from '../settings/notification-settings';
import { WebhookSenderService } from './webhook-sender.service';
import { WebhookTargetGuard } from './webhook-target-guard';
import { WebhookSubscription } from './webhook-subscription.entity';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

@Module({
  imports: [TypeOrmModule.forFeature([WebhookSubscription]), DeliveryStoreModule],
  controllers: [WebhooksController],
  providers: [
    WebhooksService,
    WebhookSenderService,
    {
      provide: WebhookTargetGuard,
      useFactory: (settings: NotificationSettings) =>
        new WebhookTargetGuard(settings.webhookAllowance),
      inject: [NOTIFICATION_SETTINGS],
    },
  ],
  exports: [WebhooksService, WebhookSenderService],
})
export class WebhooksModule {}
