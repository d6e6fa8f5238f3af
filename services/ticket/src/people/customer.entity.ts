import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

@Entity('customer')
export class Customer {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  email!: string;

  @Column('text')
  name!: string;

  @Column('text')
  language!: string;

  @Column('uuid', { nullable: true })
  organisationId!: string | null;

  /** scrypt hash as written by PasswordHasher; null for customers who cannot log in. */
  @Column('text', { nullable: true, select: false })
  passwordHash!: string | null;

  @Column('boolean')
  active!: boolean;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
