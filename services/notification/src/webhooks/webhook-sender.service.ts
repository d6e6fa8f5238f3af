import { Inject, Injectable } from '@nestjs/common';
import { Delivery } from '../deliveries/delivery.entity';
import { NOTIFICATION_SETTINGS, NotificationSettings } from '../settings/notification-settings';
import {
  DELIVERY_HEADER,
  SIGNATURE_HEADER,
  signWebhook,
  TIMESTAMP_HEADER,
} from './webhook-signature';
import { WebhooksService } from './webhooks.service';

/** Raised for a response other than 2xx, or when the receiver cannot be reached in time. */
export class WebhookDeliveryError extends Error {}

/** POSTs a delivery's CloudEvent to its subscription's URL, signed with the subscription's secret. */
@Injectable()
export class WebhookSenderService {
  constructor(
    private readonly webhooks: WebhooksService,
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
  ) {}

  async send(delivery: Delivery): Promise<void> {
    const subscriptionId = delivery.recipientKey.slice('webhook:'.length);
    const secret = await this.webhooks.secretOf(subscriptionId);
    if (secret === null)
      throw new WebhookDeliveryError(`webhook subscription ${subscriptionId} no longer exists`);

    const body = JSON.stringify(delivery.context.cloudEvent);
    const timestamp = Math.floor(Date.now() / 1000);
    let response: Response;
    try {
      response = await fetch(delivery.recipientAddress!, {
        method: 'POST',
        headers: {
          'content-type': 'application/cloudevents+json; charset=utf-8',
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
          [DELIVERY_HEADER]: delivery.id,
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.settings.webhookTimeoutMs),
      });
    } catch (error) {
      throw new WebhookDeliveryError(
        `POST ${delivery.recipientAddress} failed: ${(error as Error).message}`,
      );
    }
    await response.body?.cancel();
    if (response.status < 200 || response.status >= 300) {
      throw new WebhookDeliveryError(
        `POST ${delivery.recipientAddress} returned HTTP ${response.status}`,
      );
    }
  }
}
