import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AlertType = 'warning' | 'breach';

/**
 * A scheduled warning or breach of one clock. The key (clock, threshold) is unique, so
 * rescheduling moves the pending row instead of adding one, and a fired row never fires again.
 */
@Entity('alert')
export class AlertEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column('uuid')
  clockId!: string;

  @Column('uuid')
  ticketId!: string;

  @Column('text')
  alertType!: AlertType;

  @Column('text')
  thresholdKey!: string;

  @Column('timestamptz')
  dueAt!: Date;

  @Column('timestamptz', { nullable: true })
  firedAt!: Date | null;
}
