import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A queue's name and breach escalation addresses, as last published by the ticket service. */
@Entity({ name: 'queue_projection' })
export class QueueProjection {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text', { array: true })
  escalationEmails!: string[];

  @Column('text', { nullable: true })
  senderEmail!: string | null;

  @Column('boolean')
  active!: boolean;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
