import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One try to send a delivery, successful or not, with its duration. */
@Entity({ name: 'delivery_attempt' })
export class DeliveryAttempt {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column('uuid')
  deliveryId!: string;

  @Column('integer')
  attempt!: number;

  @Column('text')
  outcome!: 'delivered' | 'failed';

  @Column('text', { nullable: true })
  error!: string | null;

  @Column('timestamptz')
  startedAt!: Date;

  @Column('integer')
  durationMs!: number;
}
