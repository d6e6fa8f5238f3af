import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { RuleActions, RuleCondition, RuleMatchMode, RuleTrigger } from './rule-model';

/** A stored automation rule; rules run in ascending `position`, ties by id. */
@Entity('automation_rule')
export class AutomationRule {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('integer')
  position!: number;

  @Column('boolean')
  active!: boolean;

  @Column('text', { array: true })
  triggers!: RuleTrigger[];

  @Column('text')
  match!: RuleMatchMode;

  @Column('jsonb')
  conditions!: RuleCondition[];

  @Column('jsonb')
  actions!: RuleActions;

  @Column('boolean')
  stopProcessing!: boolean;

  @Column('integer')
  version!: number;

  @Column({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
