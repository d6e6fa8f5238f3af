import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ClockEventType =
  | 'started'
  | 'paused'
  | 'resumed'
  | 'rescheduled'
  | 'met'
  | 'warned'
  | 'breached'
  | 'cancelled';

/** One entry of a clock's history. `at` is the business instant, taken from the ticket event. */
@Entity('clock_event')
export class ClockEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column('uuid')
  clockId!: string;

  @Column('uuid')
  ticketId!: string;

  @Column('text')
  type!: ClockEventType;

  @Column('timestamptz')
  at!: Date;

  @Column('jsonb')
  details!: Record<string, unknown>;

  @Column('timestamptz', { default: () => 'now()' })
  recordedAt!: Date;
}
