import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { CalendarSpec, WorkingInterval } from '../business-time';

@Entity('calendar')
export class CalendarEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text')
  timeZone!: string;

  @Column('boolean')
  alwaysOpen!: boolean;

  @Column('jsonb')
  intervals!: WorkingInterval[];

  @Column('jsonb')
  recurringHolidays!: string[];

  @Column('jsonb')
  holidays!: string[];

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

export function calendarSpecOf(calendar: CalendarEntity): CalendarSpec {
  return {
    timeZone: calendar.timeZone,
    alwaysOpen: calendar.alwaysOpen,
    intervals: calendar.intervals,
    recurringHolidays: calendar.recurringHolidays,
    holidays: calendar.holidays,
  };
}
