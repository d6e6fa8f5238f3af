import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An agent's statement that an article solved a ticket. */
@Entity({ name: 'solution_link', schema: 'knowledge' })
export class SolutionLink {
  @PrimaryColumn({ type: 'uuid' })
  articleId!: string;

  @PrimaryColumn({ type: 'uuid' })
  ticketId!: string;

  @Column({ type: 'text' })
  linkedById!: string;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  linkedAt!: Date;
}
