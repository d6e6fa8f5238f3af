import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Channel, TicketPriority, TicketStateType, TicketType } from '@deskflow/contracts';
import { ImpactLevel } from './priority-matrix';

export type CustomFieldValues = Record<string, string | number | boolean>;

@Entity('ticket')
export class Ticket {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** `YYYYMMDD` + system prefix + zero-padded daily counter, e.g. `2026120410000012`. */
  @Column('text')
  number!: string;

  @Column('varchar', { length: 255 })
  title!: string;

  /** A state name from the catalogue in ticket-states.ts; several names can share a type. */
  @Column('text')
  state!: string;

  @Column('text')
  stateType!: TicketStateType;

  @Column('text')
  priority!: TicketPriority;

  /** True when someone set the priority; false while it follows impact x urgency. */
  @Column('boolean')
  priorityExplicit!: boolean;

  @Column('text', { nullable: true })
  impact!: ImpactLevel | null;

  @Column('text', { nullable: true })
  urgency!: ImpactLevel | null;

  @Column('text')
  type!: TicketType;

  @Column('text')
  channel!: Channel;

  @Column('uuid')
  queueId!: string;

  @Column('uuid', { nullable: true })
  ownerId!: string | null;

  @Column('uuid')
  customerId!: string;

  @Column('uuid', { nullable: true })
  organisationId!: string | null;

  @Column('text', { array: true })
  tags!: string[];

  @Column('jsonb')
  customFields!: CustomFieldValues;

  @Column('uuid', { array: true })
  watcherIds!: string[];

  @Column('boolean')
  hasAttachments!: boolean;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  pendingUntil!: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  firstResponseAt!: Date | null;

  /** The first resolution, which SLA resolution targets measure; a reopen keeps it. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  resolvedAt!: Date | null;

  /** The latest resolution, which reports measure; every resolution after a reopen moves it. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastResolvedAt!: Date | null;

  /** The first close; a reopen keeps it. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  closedAt!: Date | null;

  @Column('uuid', { nullable: true })
  mergedIntoId!: string | null;

  /** Incremented by every change; the ETag is derived from it. */
  @Column('integer')
  version!: number;

  @Column({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
