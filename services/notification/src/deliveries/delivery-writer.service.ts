import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotificationChannel } from '@deskflow/contracts';
import { DeliveryContext, DeliveryKind } from './delivery.entity';

/** A delivery row as the planner and the digest worker create it. */
export interface NewDelivery {
  sourceEventId: string | null;
  sourceEventType: string;
  dedupeKey: string;
  ruleId: string | null;
  templateKey: string | null;
  kind: DeliveryKind;
  channel: NotificationChannel;
  recipientKey: string;
  recipientAddress: string | null;
  locale: string;
  ticketId: string | null;
  ticketNumber: string | null;
  articleId: string | null;
  context: DeliveryContext;
  awaitsSla?: boolean;
  delayMs?: number;
  messageId?: string | null;
}

export const DELIVERY_WAKE_CHANNEL = 'notification_delivery';

/** Inserts deliveries; the unique keys turn a repeat of the same notification into a no-op. */
@Injectable()
export class DeliveryWriterService {
  /** Returns the new row's id, or null when the same notification already exists. */
  async insert(manager: EntityManager, delivery: NewDelivery): Promise<string | null> {
    const id = randomUUID();
    const rows: unknown[] = await manager.query(
      `INSERT INTO "notification"."delivery"
         ("id", "source_event_id", "source_event_type", "dedupe_key", "rule_id", "template_key", "kind", "channel",
          "recipient_key", "recipient_address", "locale", "ticket_id", "ticket_number", "article_id", "context",
          "status", "awaits_sla", "available_at", "message_id")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 'queued', $16,
               now() + $17 * interval '1 millisecond', $18)
       ON CONFLICT DO NOTHING RETURNING "id"`,
      [
        id,
        delivery.sourceEventId,
        delivery.sourceEventType,
        delivery.dedupeKey,
        delivery.ruleId,
        delivery.templateKey,
        delivery.kind,
        delivery.channel,
        delivery.recipientKey,
        delivery.recipientAddress,
        delivery.locale,
        delivery.ticketId,
        delivery.ticketNumber,
        delivery.articleId,
        JSON.stringify(delivery.context),
        delivery.awaitsSla ?? false,
        delivery.delayMs ?? 0,
        delivery.messageId ?? null,
      ],
    );

    return rows.length > 0 ? id : null;
  }

  /** Wakes the delivery workers of every replica once the transaction commits. */
  async wakeWorkers(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_notify($1, $2)', [DELIVERY_WAKE_CHANNEL, '']);
  }
}
