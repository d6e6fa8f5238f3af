import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('attachment')
export class Attachment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  articleId!: string;

  /** Kept equal to the article's ticket, so that access checks need no join. */
  @Column('uuid')
  ticketId!: string;

  @Column('text')
  filename!: string;

  /** Detected from the bytes, never taken from the uploader. */
  @Column('text')
  contentType!: string;

  @Column('integer')
  sizeBytes!: number;

  @Column('text')
  sha256!: string;

  @Column('bytea', { select: false })
  content!: Buffer;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
