import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

export const RECIPIENT_ROLES = [
  'customer',
  'owner',
  'queue_agents',
  'watchers',
  'escalation_contacts',
] as const;
export type RecipientRole = (typeof RECIPIENT_ROLES)[number];

/** Rule channels; webhooks are configured as subscriptions, not through rules. */
export const RULE_CHANNELS = ['email', 'in_app'] as const;
export type RuleChannel = (typeof RULE_CHANNELS)[number];

/** Narrows a rule to some events of its type; an absent field matches every event. */
export interface RuleConditions {
  priorities?: string[];
  queueIds?: string[];
  senderTypes?: string[];
  visibilities?: string[];
  /** `message` or `note`; an article without a kind counts as a message. */
  articleKinds?: string[];
  toStateTypes?: string[];
  clockKinds?: string[];
  /** True: only tickets without an owner. */
  unassigned?: boolean;
}

/** Decides who hears about one event type, through which template and on which channels. */
@Entity({ name: 'notification_rule' })
export class NotificationRule {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text')
  eventType!: string;

  @Column('text', { array: true })
  recipients!: RecipientRole[];

  /** Agents addressed by id in addition to the roles, such as an on-call agent. */
  @Column('uuid', { array: true })
  agentIds!: string[];

  /** Addresses outside the directory that always receive this rule's mail. */
  @Column('text', { array: true })
  emails!: string[];

  @Column('jsonb')
  conditions!: RuleConditions;

  @Column('text')
  templateKey!: string;

  @Column('text', { array: true })
  channels!: RuleChannel[];

  /** Also address the person who caused the event; only acknowledgements need this. */
  @Column('boolean')
  includeActor!: boolean;

  /** Bursts to one agent may be merged into a digest. */
  @Column('boolean')
  digestible!: boolean;

  @Column('boolean')
  enabled!: boolean;

  /** Rules run in ascending position; the first rule reaching a recipient decides the template. */
  @Column('integer')
  position!: number;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
