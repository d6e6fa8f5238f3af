import { Column, Entity, PrimaryColumn } from 'typeorm';
import { SlaClockKind, SlaClockStatus } from '@deskflow/contracts';

/** One SLA clock of one ticket as the SLA service last reported it. */
@Entity('sla_clock_projection')
export class SlaClockProjection {
  @PrimaryColumn('uuid')
  ticketId!: string;

  @PrimaryColumn('text')
  kind!: SlaClockKind;

  @Column('uuid', { nullable: true })
  clockId!: string | null;

  @Column('text')
  status!: SlaClockStatus;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  dueAt!: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  warnAt!: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  metAt!: Date | null;

  @Column('boolean')
  breached!: boolean;

  @Column('boolean')
  warned!: boolean;

  @Column('integer')
  targetSeconds!: number;

  @Column('text', { nullable: true })
  policyName!: string | null;

  /** Time of the event that last wrote the row; older events are ignored. */
  @Column({ type: 'timestamptz', precision: 3 })
  sourceTime!: Date;
}
