import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One recorded change of one ticket field, or an action such as a merge or a new article. */
@Entity('ticket_history')
export class TicketHistory {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column('uuid')
  ticketId!: string;

  /** The actor of the change, as `<role>:<id>` or `system`. */
  @Column('text')
  actor!: string;

  @Column('text')
  field!: string;

  @Column('jsonb', { nullable: true })
  oldValue!: unknown;

  @Column('jsonb', { nullable: true })
  newValue!: unknown;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
