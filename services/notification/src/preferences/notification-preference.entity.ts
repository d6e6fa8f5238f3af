import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A person's language, mute switch and chosen channels per event type. */
@Entity({ name: 'notification_preference' })
export class NotificationPreference {
  /** `agent:<id>` or `customer:<id>`, the same key deliveries use for the recipient. */
  @PrimaryColumn('text')
  userKey!: string;

  @Column('text', { nullable: true })
  language!: string | null;

  @Column('boolean')
  muted!: boolean;

  /** Event type to channels; an event type missing here uses the rule's channels. */
  @Column('jsonb')
  channels!: Record<string, string[]>;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
