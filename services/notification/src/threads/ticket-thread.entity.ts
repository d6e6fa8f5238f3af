import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** What mails about one ticket need: its number, customer and mail thread. */
@Entity({ name: 'ticket_thread' })
export class TicketThread {
  @PrimaryColumn('uuid')
  ticketId!: string;

  @Column('text')
  number!: string;

  @Column('text')
  title!: string;

  @Column('uuid')
  queueId!: string;

  @Column('uuid')
  customerId!: string;

  @Column('text', { nullable: true })
  customerEmail!: string | null;

  @Column('text', { nullable: true })
  customerLanguage!: string | null;

  /** Message-ID of the customer's first mail; every later mail refers to it. */
  @Column('text', { nullable: true })
  firstMessageId!: string | null;

  @Column('text')
  stateType!: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
