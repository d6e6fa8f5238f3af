import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const API_KEY_SCOPES = ['tickets:read', 'tickets:write', 'people:read'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** An integration's key; only the SHA-256 of the key is stored, the key itself is shown once. */
@Entity('api_key')
export class ApiKey {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  /** The first characters of the key, so that admins can tell keys apart. */
  @Column('text')
  keyPrefix!: string;

  @Column('text', { select: false })
  keyHash!: string;

  @Column('text', { array: true })
  scopes!: ApiKeyScope[];

  @Column('uuid', { nullable: true })
  createdById!: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastUsedAt!: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
