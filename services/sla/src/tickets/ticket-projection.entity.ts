import { Column, Entity, EntityManager, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { TicketPriority, TicketSnapshot, TicketStateType, TicketType } from '@deskflow/contracts';

/** One state-type change of a ticket, kept so that paused time can be recomputed under any policy. */
export interface StateLogEntry {
  at: string;
  stateType: TicketStateType;
}

/** The service's local copy of a ticket, built from the snapshots that ticket events carry. */
@Entity('ticket')
export class TicketProjectionEntity {
  @PrimaryColumn('uuid')
  ticketId!: string;

  @Column('text')
  number!: string;

  @Column('jsonb')
  snapshot!: TicketSnapshot;

  @Column('text')
  stateType!: TicketStateType;

  @Column('text')
  priority!: TicketPriority;

  @Column('text')
  type!: TicketType;

  @Column('uuid')
  queueId!: string;

  @Column('uuid', { nullable: true })
  organisationId!: string | null;

  @Column('text', { nullable: true })
  organisationTier!: string | null;

  /** The ticket's creation time, from which first-response and resolution clocks run. */
  @Column('timestamptz')
  startedAt!: Date;

  /** `updatedAt` of the newest snapshot applied; older snapshots are ignored. */
  @Column('timestamptz')
  snapshotUpdatedAt!: Date;

  @Column('uuid', { nullable: true })
  policyId!: string | null;

  @Column('jsonb')
  stateLog!: StateLogEntry[];

  @Column('timestamptz', { nullable: true })
  firstResponseAt!: Date | null;

  /** The latest agent response; a next-response clock started before it needs no restart. */
  @Column('timestamptz', { nullable: true })
  lastResponseAt!: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** Writes the fields that ticket events change with one UPDATE. */
export async function saveProjection(
  manager: EntityManager,
  ticket: TicketProjectionEntity,
): Promise<void> {
  await manager.update(
    TicketProjectionEntity,
    { ticketId: ticket.ticketId },
    {
      number: ticket.number,
      snapshot: ticket.snapshot as never,
      stateType: ticket.stateType,
      priority: ticket.priority,
      type: ticket.type,
      queueId: ticket.queueId,
      organisationId: ticket.organisationId,
      organisationTier: ticket.organisationTier,
      snapshotUpdatedAt: ticket.snapshotUpdatedAt,
      policyId: ticket.policyId,
      stateLog: ticket.stateLog as never,
      firstResponseAt: ticket.firstResponseAt,
      lastResponseAt: ticket.lastResponseAt,
    },
  );
}
