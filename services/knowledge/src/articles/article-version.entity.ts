import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Visibility } from './article.entity';

/** The content of an article as it was when it was published for the `version`-th time. */
@Entity({ name: 'article_version', schema: 'knowledge' })
export class ArticleVersion {
  @PrimaryColumn({ type: 'uuid' })
  articleId!: string;

  @PrimaryColumn({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  summary!: string;

  @Column({ type: 'text', array: true })
  keywords!: string[];

  @Column({ type: 'text' })
  bodyMarkdown!: string;

  @Column({ type: 'uuid', nullable: true })
  categoryId!: string | null;

  @Column({ type: 'text' })
  visibility!: Visibility;

  @Column({ type: 'text' })
  locale!: string;

  @Column({ type: 'text' })
  publishedById!: string;

  @Column({ type: 'timestamptz', precision: 3 })
  publishedAt!: Date;
}
