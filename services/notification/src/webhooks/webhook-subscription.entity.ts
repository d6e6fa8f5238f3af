import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** An external endpoint that receives every event matching its filter, signed with its secret. */
@Entity({ name: 'webhook_subscription' })
export class WebhookSubscription {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  url!: string;

  /** Exact types or prefixes ending in `*`, such as `ticket.*`. */
  @Column('text', { array: true })
  eventTypes!: string[];

  @Column('text', { select: false })
  secret!: string;

  @Column('boolean')
  active!: boolean;

  @Column('integer')
  consecutiveFailures!: number;

  @Column('text', { nullable: true })
  disabledReason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
