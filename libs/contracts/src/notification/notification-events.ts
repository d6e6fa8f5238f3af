import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Min } from 'class-validator';
import { defineEvent } from '../envelope/event-definition';

export const NOTIFICATION_CHANNELS = ['email', 'webhook', 'in_app'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export class NotificationDeliveredPayload {
  @IsUUID()
  deliveryId!: string;

  @IsIn(NOTIFICATION_CHANNELS)
  channel!: NotificationChannel;

  /** The event that caused the notification. */
  @IsUUID()
  sourceEventId!: string;

  @IsString()
  recipient!: string;

  @IsOptional()
  @IsUUID()
  ticketId?: string | null;

  @IsISO8601()
  deliveredAt!: string;
}

export class NotificationFailedPayload {
  @IsUUID()
  deliveryId!: string;

  @IsIn(NOTIFICATION_CHANNELS)
  channel!: NotificationChannel;

  @IsString()
  recipient!: string;

  @IsString()
  error!: string;
}

/** A delivery that failed its last allowed attempt and will not be retried on its own. */
export class NotificationDeadPayload {
  @IsUUID()
  deliveryId!: string;

  @IsIn(NOTIFICATION_CHANNELS)
  channel!: NotificationChannel;

  @IsString()
  recipient!: string;

  @IsString()
  error!: string;

  @IsInt()
  @Min(1)
  attempts!: number;
}

export class WebhookDisabledPayload {
  @IsUUID()
  subscriptionId!: string;

  @IsString()
  url!: string;

  @IsString()
  reason!: string;
}

export const NotificationEvents = {
  delivered: defineEvent('notification.delivered', 1, NotificationDeliveredPayload),
  failed: defineEvent('notification.failed', 1, NotificationFailedPayload),
  dead: defineEvent('notification.dead', 1, NotificationDeadPayload),
  webhookDisabled: defineEvent('notification.webhook_disabled', 1, WebhookDisabledPayload),
} as const;
