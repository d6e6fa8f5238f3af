import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The subject, text and HTML parts of one notification in one language. */
@Entity({ name: 'notification_template' })
export class NotificationTemplate {
  @PrimaryColumn('text')
  key!: string;

  @PrimaryColumn('text')
  locale!: string;

  @Column('text')
  subject!: string;

  @Column('text')
  textBody!: string;

  @Column('text')
  htmlBody!: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
