import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { NotificationEvents } from '@deskflow/contracts';
import { Outbox } from '@deskflow/messaging';
import { rootLogger } from '@deskflow/observability';
import { NOTIFICATION_SETTINGS, NotificationSettings } from '../settings/notification-settings';
import { returningRows } from '../common/returning-rows';
import { RenderedTemplate } from '../templates/templates.service';
import { WebhooksService } from '../webhooks/webhooks.service';
import { Delivery } from './delivery.entity';
import { deliveryMetrics } from './delivery-metrics';
import { retryDelayMs } from './retry-backoff';
import { UndeliverableError } from './undeliverable-error';

export interface AttemptTiming {
  startedAt: Date;
  durationMs: number;
}

/**
 * Records the result of one attempt in one transaction: the attempt row, the delivery's new
 * state and the event on `notification.events`.
 */
@Injectable()
export class DeliveryOutcomeService {
  private readonly logger = rootLogger().child({ context: 'DeliveryOutcomeService' });

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly webhooks: WebhooksService,
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
  ) {}

  async succeeded(
    delivery: Delivery,
    rendered: RenderedTemplate | null,
    timing: AttemptTiming,
  ): Promise<void> {
    const deliveredAt = await this.dataSource.transaction(async (manager) => {
      await this.insertAttempt(manager, delivery, 'delivered', null, timing);
      const rows = await returningRows<{ delivered_at: Date }>(
        manager,
        `UPDATE "notification"."delivery"
            SET "status" = 'delivered', "delivered_at" = now(), "lease_until" = NULL, "last_error" = NULL,
                "rendered" = COALESCE($2::jsonb, "rendered"), "updated_at" = now()
          WHERE "id" = $1 RETURNING "delivered_at"`,
        [delivery.id, rendered ? JSON.stringify(stripLocale(rendered)) : null],
      );
      if (delivery.channel === 'webhook') {
        await this.webhooks.recordSuccess(manager, subscriptionIdOf(delivery));
      }
      await this.outbox.record(manager, NotificationEvents.delivered, {
        subject: delivery.ticketId ?? delivery.id,
        actor: 'system',
        data: {
          deliveryId: delivery.id,
          channel: delivery.channel,
          sourceEventId: delivery.sourceEventId ?? (delivery.context.sourceEventIds?.[0] as string),
          recipient: delivery.recipientKey,
          ticketId: delivery.ticketId,
          deliveredAt: new Date(rows[0].delivered_at).toISOString(),
        },
      });

      return new Date(rows[0].delivered_at);
    });
    deliveryMetrics().recordAttempt(delivery.channel, 'delivered', timing.durationMs);
    deliveryMetrics().recordDelivered(delivery.channel, delivery.availableAt, deliveredAt);
  }

  async failed(
    delivery: Delivery,
    rendered: RenderedTemplate | null,
    error: Error,
    timing: AttemptTiming,
  ): Promise<void> {
    const message = error.message.slice(0, 2000) || error.name;
    const dead = await this.dataSource.transaction(async (manager) => {
      await this.insertAttempt(manager, delivery, 'failed', message, timing);
      const disabled =
        delivery.channel === 'webhook' &&
        (await this.webhooks.recordFailure(
          manager,
          subscriptionIdOf(delivery),
          this.settings.webhookDisableAfter,
          message,
        ));
      const retriesLeft = delivery.retryCount < this.settings.maxAttempts;
      if (disabled || !retriesLeft || error instanceof UndeliverableError) {
        await this.markDead(manager, delivery, message);

        return true;
      }

      const delayMs = retryDelayMs(
        delivery.retryCount,
        this.settings.retryBaseMs,
        this.settings.retryMaxMs,
      );
      await manager.query(
        `UPDATE "notification"."delivery"
            SET "status" = 'queued', "available_at" = now() + $2 * interval '1 millisecond', "lease_until" = NULL,
                "last_error" = $3, "rendered" = COALESCE($4::jsonb, "rendered"), "updated_at" = now()
          WHERE "id" = $1`,
        [delivery.id, delayMs, message, rendered ? JSON.stringify(stripLocale(rendered)) : null],
      );
      await this.outbox.record(manager, NotificationEvents.failed, {
        subject: delivery.ticketId ?? delivery.id,
        actor: 'system',
        data: {
          deliveryId: delivery.id,
          channel: delivery.channel,
          recipient: delivery.recipientKey,
          error: message,
        },
      });
      this.logger.warn(
        {
          deliveryId: delivery.id,
          channel: delivery.channel,
          attempt: delivery.attempts,
          retryInMs: delayMs,
          err: error,
        },
        'delivery attempt failed, retrying',
      );

      return false;
    });
    deliveryMetrics().recordAttempt(delivery.channel, 'failed', timing.durationMs);
    if (dead) deliveryMetrics().dead.inc({ channel: delivery.channel });
  }

  private async markDead(
    manager: EntityManager,
    delivery: Delivery,
    message: string,
  ): Promise<void> {
    await manager.query(
      `UPDATE "notification"."delivery"
          SET "status" = 'dead', "lease_until" = NULL, "last_error" = $2, "updated_at" = now()
        WHERE "id" = $1`,
      [delivery.id, message],
    );
    await this.outbox.record(manager, NotificationEvents.dead, {
      subject: delivery.ticketId ?? delivery.id,
      actor: 'system',
      data: {
        deliveryId: delivery.id,
        channel: delivery.channel,
        recipient: delivery.recipientKey,
        error: message,
        attempts: delivery.attempts,
      },
    });
    this.logger.error(
      {
        deliveryId: delivery.id,
        channel: delivery.channel,
        attempts: delivery.attempts,
        error: message,
      },
      'delivery is dead and will not be retried',
    );
  }

  private async insertAttempt(
    manager: EntityManager,
    delivery: Delivery,
    outcome: 'delivered' | 'failed',
    error: string | null,
    timing: AttemptTiming,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO "notification"."delivery_attempt" ("delivery_id", "attempt", "outcome", "error", "started_at", "duration_ms")
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [delivery.id, delivery.attempts, outcome, error, timing.startedAt, timing.durationMs],
    );
  }
}

function subscriptionIdOf(delivery: Delivery): string {
  return delivery.recipientKey.slice('webhook:'.length);
}

function stripLocale(rendered: RenderedTemplate): { subject: string; text: string; html: string } {
  return { subject: rendered.subject, text: rendered.text, html: rendered.html };
}
