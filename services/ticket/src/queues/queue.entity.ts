import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const CUSTOM_FIELD_TYPES = ['string', 'number', 'boolean', 'date', 'enum'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

/** A ticket field that a queue adds; values are checked against `type` on every write. */
export interface CustomFieldDefinition {
  key: string;
  label: string;
  type: CustomFieldType;
  required: boolean;
  /** Allowed values of an `enum` field. */
  options?: string[];
}

export const CLOSED_TICKET_REPLY_POLICIES = ['reopen', 'follow_up'] as const;
/** Effect of a customer's message on a closed ticket of the queue. */
export type ClosedTicketReplyPolicy = (typeof CLOSED_TICKET_REPLY_POLICIES)[number];

@Entity('queue')
export class Queue {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text')
  description!: string;

  /** The queue of tickets created without one; exactly one queue has it. */
  @Column('boolean')
  isDefault!: boolean;

  @Column('text', { nullable: true })
  senderEmail!: string | null;

  @Column('text', { array: true })
  escalationEmails!: string[];

  @Column('jsonb')
  customFields!: CustomFieldDefinition[];

  @Column('boolean')
  active!: boolean;

  @Column('text')
  closedTicketReply!: ClosedTicketReplyPolicy;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
