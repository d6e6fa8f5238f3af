import { Inject, Injectable } from '@nestjs/common';
import { Delivery } from '../deliveries/delivery.entity';
import { UndeliverableError } from '../deliveries/undeliverable-error';
import { NOTIFICATION_SETTINGS, NotificationSettings } from '../settings/notification-settings';
import {
  DELIVERY_HEADER,
  SIGNATURE_HEADER,
  signWebhook,
  TIMESTAMP_HEADER,
} from './webhook-signature';
import { postWebhook } from './webhook-http';
import { WebhookTargetBlockedError, WebhookTargetGuard } from './webhook-target-guard';
import { bareHost } from './webhook-target-policy';
import { WebhooksService } from './webhooks.service';

/**
 * Raised for a response other than 2xx, for a target on a blocked address, or when the receiver
 * cannot be reached in time.
 */
export class WebhookDeliveryError extends Error {}

/** POSTs a delivery's CloudEvent to its subscription's URL, signed with the subscription's secret. */
@Injectable()
export class WebhookSenderService {
  constructor(
    private readonly webhooks: WebhooksService,
    private readonly targets: WebhookTargetGuard,
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
  ) {}

  async send(delivery: Delivery): Promise<void> {
    const subscriptionId = delivery.recipientKey.slice('webhook:'.length);
    const secret = await this.webhooks.secretOf(subscriptionId);
    if (secret === null) {
      throw new UndeliverableError(`webhook subscription ${subscriptionId} no longer exists`);
    }

    // NOTE: a blocked target is retried like any other failure, so its subscription is disabled
    // only after WEBHOOK_DISABLE_AFTER attempts.
    const url = new URL(delivery.recipientAddress!);
    const literalProblem = this.targets.literalProblem(bareHost(url.hostname));
    if (literalProblem)
      throw new WebhookDeliveryError(`POST ${url.href} blocked: ${literalProblem}`);

    const body = JSON.stringify(delivery.context.cloudEvent);
    const timestamp = Math.floor(Date.now() / 1000);
    let status: number;
    try {
      status = await postWebhook({
        url,
        headers: {
          'content-type': 'application/cloudevents+json; charset=utf-8',
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
          [DELIVERY_HEADER]: delivery.id,
        },
        body,
        lookup: this.targets.lookup,
        timeoutMs: this.settings.webhookTimeoutMs,
      });
    } catch (error) {
      const verb = error instanceof WebhookTargetBlockedError ? 'blocked' : 'failed';
      throw new WebhookDeliveryError(`POST ${url.href} ${verb}: ${(error as Error).message}`);
    }
    if (status >= 300 && status < 400) {
      throw new WebhookDeliveryError(
        `POST ${url.href} returned HTTP ${status}; redirects are not followed`,
      );
    }
    if (status < 200 || status >= 300) {
      throw new WebhookDeliveryError(`POST ${url.href} returned HTTP ${status}`);
    }
  }
}
