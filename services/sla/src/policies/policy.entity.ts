import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { SlaClockKind, TicketPriority, TicketStateType, TicketType } from '@deskflow/contracts';

/** A warning threshold: a share of the target in percent, or a lead time in business minutes. */
export interface WarningThreshold {
  percent?: number;
  leadMinutes?: number;
}

@Entity('policy')
export class PolicyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  /** Matching order: lower positions are tried first. */
  @Column('integer')
  position!: number;

  /** Applies when no other active policy matches. */
  @Column('boolean')
  isDefault!: boolean;

  @Column('boolean')
  active!: boolean;

  @Column('text', { array: true })
  priorities!: TicketPriority[];

  @Column('uuid', { array: true })
  queueIds!: string[];

  @Column('text', { array: true })
  types!: TicketType[];

  @Column('uuid', { array: true })
  organisationIds!: string[];

  @Column('text', { array: true })
  organisationTiers!: string[];

  @Column('uuid')
  calendarId!: string;

  @Column('integer', { nullable: true })
  firstResponseMinutes!: number | null;

  @Column('integer', { nullable: true })
  nextResponseMinutes!: number | null;

  @Column('integer', { nullable: true })
  resolutionMinutes!: number | null;

  @Column('jsonb')
  warnings!: WarningThreshold[];

  /** State types during which the clocks in `pausedClocks` stand still. */
  @Column('text', { array: true })
  pauseStateTypes!: TicketStateType[];

  @Column('text', { array: true })
  pausedClocks!: SlaClockKind[];

  /** Whether a public agent note counts as a response. */
  @Column('boolean')
  publicNotesCount!: boolean;

  /** Whether reopening a resolved ticket resumes its resolution clock. */
  @Column('boolean')
  resumeOnReopen!: boolean;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** Returns the target of one clock kind in seconds, or null when the policy sets none. */
export function targetSecondsOf(policy: PolicyEntity, kind: SlaClockKind): number | null {
  const minutes = {
    first_response: policy.firstResponseMinutes,
    next_response: policy.nextResponseMinutes,
    resolution: policy.resolutionMinutes,
  }[kind];

  return minutes === null ? null : minutes * 60;
}
