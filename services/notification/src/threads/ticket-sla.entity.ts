import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * The latest due times from `sla.applied`. Kept apart from the thread because the SLA event can
 * arrive before the ticket event: the two come from different topics.
 */
@Entity({ name: 'ticket_sla' })
export class TicketSla {
  @PrimaryColumn('uuid')
  ticketId!: string;

  @Column('timestamptz', { nullable: true })
  firstResponseDueAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  resolutionDueAt!: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
