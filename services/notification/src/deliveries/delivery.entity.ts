import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { NotificationChannel } from '@deskflow/contracts';

export const DELIVERY_STATUSES = [
  'queued',
  'held',
  'sending',
  'delivered',
  'dead',
  'digested',
  'cancelled',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * What a delivery is, which decides its mail headers: an acknowledgement is an automatic reply
 * to the customer, an agent reply is a person's message, the rest are automatic notices.
 */
export const DELIVERY_KINDS = [
  'acknowledgement',
  'agent_reply',
  'notification',
  'digest',
  'webhook',
] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

/** The mail's position in the ticket's thread, fixed when the delivery is planned. */
export interface MailThreading {
  messageId?: string | null;
  inReplyTo?: string | null;
  references?: string[];
}

/** Everything needed to render and send a delivery later, without reading the event again. */
export interface DeliveryContext {
  variables: Record<string, unknown>;
  threading?: MailThreading;
  /** For webhooks: the CloudEvent in structured mode. */
  cloudEvent?: Record<string, unknown>;
  /** For digests: the held deliveries it summarises, and the events behind them. */
  digestOf?: string[];
  sourceEventIds?: string[];
}

/** One notification to one recipient on one channel, and its sending state. */
@Entity({ name: 'delivery' })
export class Delivery {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { nullable: true })
  sourceEventId!: string | null;

  @Column('text')
  sourceEventType!: string;

  /** Same key, recipient and channel means the same notification, whichever event caused it. */
  @Column('text')
  dedupeKey!: string;

  @Column('uuid', { nullable: true })
  ruleId!: string | null;

  @Column('text', { nullable: true })
  templateKey!: string | null;

  @Column('text')
  kind!: DeliveryKind;

  @Column('text')
  channel!: NotificationChannel;

  @Column('text')
  recipientKey!: string;

  @Column('text', { nullable: true })
  recipientAddress!: string | null;

  @Column('text')
  locale!: string;

  @Column('uuid', { nullable: true })
  ticketId!: string | null;

  @Column('text', { nullable: true })
  ticketNumber!: string | null;

  @Column('uuid', { nullable: true })
  articleId!: string | null;

  @Column('jsonb')
  context!: DeliveryContext;

  @Column('text')
  status!: DeliveryStatus;

  /** An acknowledgement waiting for the ticket's promised first-response time. */
  @Column('boolean')
  awaitsSla!: boolean;

  /** Attempts over the delivery's life. */
  @Column('integer')
  attempts!: number;

  /** Attempts since it was queued or re-sent; compared with the maximum. */
  @Column('integer')
  retryCount!: number;

  @Column('timestamptz')
  availableAt!: Date;

  @Column('timestamptz', { nullable: true })
  leaseUntil!: Date | null;

  @Column('text', { nullable: true })
  lastError!: string | null;

  @Column('text', { nullable: true })
  messageId!: string | null;

  @Column('uuid', { nullable: true })
  digestId!: string | null;

  @Column('jsonb', { nullable: true })
  rendered!: { subject: string; text: string; html: string } | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column('timestamptz', { nullable: true })
  deliveredAt!: Date | null;
}
