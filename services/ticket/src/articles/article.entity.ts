import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ArticleKind, ArticleVisibility, Channel, SenderType } from '@deskflow/contracts';

@Entity('article')
export class Article {
  /** Chosen before the insert, because the outbound Message-ID contains it. */
  @PrimaryColumn('uuid')
  id!: string;

  /** The ticket that shows the article; a merge moves articles to the target. */
  @Column('uuid')
  ticketId!: string;

  /** The ticket the article was first added to. */
  @Column('uuid')
  originTicketId!: string;

  @Column('text')
  kind!: ArticleKind;

  @Column('text')
  senderType!: SenderType;

  @Column('text')
  visibility!: ArticleVisibility;

  @Column('text')
  channel!: Channel;

  /** Acknowledgements and other automatic messages; they never count as a response. */
  @Column('boolean')
  automatic!: boolean;

  /** Set for mail from a sender who is neither the customer, a participant nor an agent. */
  @Column('boolean', { default: false })
  thirdParty!: boolean;

  @Column('uuid', { nullable: true })
  authorId!: string | null;

  @Column('text', { nullable: true })
  fromAddress!: string | null;

  @Column('text', { array: true })
  toAddresses!: string[];

  @Column('text', { array: true })
  ccAddresses!: string[];

  @Column('text', { nullable: true })
  subject!: string | null;

  @Column('text')
  bodyText!: string;

  /** Sanitised HTML, safe to render; null for plain-text articles. */
  @Column('text', { nullable: true })
  bodyHtml!: string | null;

  /** RFC 5322 Message-ID with angle brackets, unique across all articles. */
  @Column('text', { nullable: true })
  messageId!: string | null;

  @Column('text', { nullable: true })
  inReplyTo!: string | null;

  @Column('text', { array: true })
  references!: string[];

  @Column('boolean')
  hasAttachments!: boolean;

  @Column({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
