import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { SlaClockKind } from '@deskflow/contracts';

/** The stored status of a clock; a running clock past its due time is shown as breached. */
export type ClockStatus = 'running' | 'paused' | 'met' | 'cancelled';

export type CancelReason = 'no_policy' | 'no_target' | 'ticket_closed' | 'ticket_merged';

@Entity('clock')
export class ClockEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  ticketId!: string;

  @Column('text')
  kind!: SlaClockKind;

  /** Counts the clocks of one kind on a ticket; each unanswered customer message starts a new next-response cycle. */
  @Column('integer')
  cycle!: number;

  @Column('uuid')
  policyId!: string;

  @Column('uuid')
  calendarId!: string;

  @Column('integer')
  targetSeconds!: number;

  @Column('timestamptz')
  startedAt!: Date;

  @Column('text')
  status!: ClockStatus;

  /** Null while the clock is paused, met or cancelled. */
  @Column('timestamptz', { nullable: true })
  dueAt!: Date | null;

  /** The earliest warning of the running clock. */
  @Column('timestamptz', { nullable: true })
  warnAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  metAt!: Date | null;

  @Column('integer', { nullable: true })
  businessSeconds!: number | null;

  /** Set once the clock passed its due time, also when it was met late afterwards. */
  @Column('boolean')
  breached!: boolean;

  @Column('text', { nullable: true })
  cancelReason!: CancelReason | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** Tells whether the clock still measures time. */
export function isActiveClock(clock: ClockEntity): boolean {
  return clock.status === 'running' || clock.status === 'paused';
}
