import { Column, Entity, PrimaryColumn } from 'typeorm';

export const QUEUE_PERMISSIONS = ['read', 'write'] as const;
export type QueuePermission = (typeof QUEUE_PERMISSIONS)[number];

@Entity('queue_member')
export class QueueMember {
  @PrimaryColumn('uuid')
  queueId!: string;

  @PrimaryColumn('uuid')
  agentId!: string;

  @Column('text')
  permission!: QueuePermission;
}
