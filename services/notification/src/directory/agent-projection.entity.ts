import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** An agent's address, language and queues, as last published by the ticket service. */
@Entity({ name: 'agent_projection' })
export class AgentProjection {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  email!: string;

  @Column('text')
  name!: string;

  @Column('text')
  language!: string;

  @Column('text')
  role!: string;

  @Column('boolean')
  active!: boolean;

  @Column('uuid', { array: true })
  queueIds!: string[];

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
