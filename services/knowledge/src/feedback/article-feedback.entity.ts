import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One reader's vote on whether an article helped, with an optional comment. */
@Entity({ name: 'article_feedback', schema: 'knowledge' })
export class ArticleFeedback {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  articleId!: string;

  @Column({ type: 'boolean' })
  helpful!: boolean;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  /** `<role>:<id>` of the reader, or `anonymous`. */
  @Column({ type: 'text' })
  actor!: string;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt!: Date;
}
