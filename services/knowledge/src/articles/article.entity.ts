import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ARTICLE_STATUSES = ['draft', 'review', 'published', 'archived'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export const VISIBILITIES = ['internal', 'public'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/**
 * A knowledge-base article in one locale. `rowVersion` grows with every change and is the
 * ETag; `publishedVersion` numbers the published versions kept in `article_version`. The
 * search columns are filled by a database trigger and are not mapped here.
 */
@Entity({ name: 'article', schema: 'knowledge' })
export class Article {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', nullable: true })
  importKey!: string | null;

  @Column({ type: 'uuid' })
  translationGroupId!: string;

  @Column({ type: 'text' })
  locale!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  summary!: string;

  @Column({ type: 'text', array: true })
  keywords!: string[];

  @Column({ type: 'text' })
  bodyMarkdown!: string;

  @Column({ type: 'text' })
  bodyHtml!: string;

  @Column({ type: 'text' })
  bodyText!: string;

  @Column({ type: 'uuid', nullable: true })
  categoryId!: string | null;

  @Column({ type: 'text' })
  visibility!: Visibility;

  @Column({ type: 'text' })
  status!: ArticleStatus;

  @Column({ type: 'integer' })
  rowVersion!: number;

  @Column({ type: 'integer', nullable: true })
  publishedVersion!: number | null;

  @Column({ type: 'text' })
  contentHash!: string;

  @Column({ type: 'text' })
  authorId!: string;

  @Column({ type: 'text' })
  updatedById!: string;

  @Column({
    type: 'bigint',
    transformer: { to: (value: number) => value, from: (value: string) => Number(value) },
  })
  viewCount!: number;

  @Column({ type: 'integer' })
  helpfulCount!: number;

  @Column({ type: 'integer' })
  notHelpfulCount!: number;

  @Column({ type: 'integer' })
  solutionLinkCount!: number;

  @Column({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  publishedAt!: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  archivedAt!: Date | null;
}
