import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { LinkType } from '@deskflow/contracts';

/**
 * A link between two tickets: `parent_child` points from parent to child, `duplicate` from
 * the duplicate to the original, and `related` has no direction.
 */
@Entity('ticket_link')
export class TicketLink {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  sourceTicketId!: string;

  @Column('uuid')
  targetTicketId!: string;

  @Column('text')
  linkType!: LinkType;

  @Column('text')
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
