import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One in-app notification of one agent. */
@Entity({ name: 'inbox_item' })
export class InboxItem {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  agentId!: string;

  @Column('uuid')
  deliveryId!: string;

  @Column('uuid', { nullable: true })
  ticketId!: string | null;

  @Column('text', { nullable: true })
  ticketNumber!: string | null;

  @Column('text')
  eventType!: string;

  @Column('text')
  title!: string;

  @Column('text')
  body!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  readAt!: Date | null;
}
