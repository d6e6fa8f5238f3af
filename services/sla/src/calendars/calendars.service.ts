import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { ConflictError, NotFoundError, ValidationFailedError } from '@deskflow/http';
import { BusinessCalendar, CalendarSpec, InvalidCalendarError } from '../business-time';
import { PolicyEntity } from '../policies/policy.entity';
import { TicketRematcher } from '../tickets/ticket-rematcher.service';
import { checkIfMatch } from '../common/if-match';
import { CalendarRegistry } from './calendar-registry';
import { CalendarEntity, calendarSpecOf } from './calendar.entity';
import { ComputeBusinessTimeDto, CreateCalendarDto, UpdateCalendarDto } from './calendar.dto';

export type ComputeResult =
  | { dueAt: string; businessSeconds: number }
  | { businessSeconds: number };

function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505'
  );
}

/** Validates a calendar the way the arithmetic will read it, and reports problems by field. */
function assertUsable(spec: CalendarSpec): void {
  try {
    BusinessCalendar.create(spec);
  } catch (error) {
    if (error instanceof InvalidCalendarError) throw new ValidationFailedError(error.problems);
    throw error;
  }
}

@Injectable()
export class CalendarsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: CalendarRegistry,
    private readonly rematcher: TicketRematcher,
  ) {}

  list(): Promise<CalendarEntity[]> {
    return this.dataSource.manager.find(CalendarEntity, { order: { name: 'ASC' } });
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<CalendarEntity> {
    const calendar = await manager.findOneBy(CalendarEntity, { id });
    if (!calendar) throw new NotFoundError(`calendar ${id}`);

    return calendar;
  }

  async create(input: CreateCalendarDto): Promise<CalendarEntity> {
    const calendar = this.dataSource.manager.create(CalendarEntity, {
      name: input.name,
      timeZone: input.timeZone,
      alwaysOpen: input.alwaysOpen ?? false,
      intervals: input.intervals ?? [],
      recurringHolidays: input.recurringHolidays ?? [],
      holidays: input.holidays ?? [],
    });
    assertUsable(calendarSpecOf(calendar));

    return this.saveNamed(this.dataSource.manager, calendar);
  }

  async update(
    id: string,
    input: UpdateCalendarDto,
    ifMatch: string | undefined,
  ): Promise<CalendarEntity> {
    return this.dataSource.transaction(async (manager) => {
      const calendar = await manager.findOne(CalendarEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!calendar) throw new NotFoundError(`calendar ${id}`);
      checkIfMatch(ifMatch, calendar.version, `business calendar ${id}`);

      Object.assign(calendar, input);
      assertUsable(calendarSpecOf(calendar));
      const saved = await this.saveNamed(manager, calendar);
      const policies = await manager.findBy(PolicyEntity, { calendarId: id });
      await this.rematcher.rematchPolicies(
        manager,
        policies.map((policy) => policy.id),
      );

      return saved;
    });
  }

  async remove(id: string, ifMatch: string | undefined): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const calendar = await this.get(id, manager);
      checkIfMatch(ifMatch, calendar.version, `business calendar ${id}`);
      const users = await manager.countBy(PolicyEntity, { calendarId: id });
      if (users > 0) {
        throw new ConflictError(
          'calendar_in_use',
          `calendar ${id} is used by ${users} policies; move them to another calendar first`,
        );
      }
      await manager.delete(CalendarEntity, { id });
    });
  }

  async compute(id: string, input: ComputeBusinessTimeDto): Promise<ComputeResult> {
    const calendar = this.registry.fromEntity(await this.get(id));
    const start = new Date(input.start);
    const durations = [input.durationMinutes, input.durationSeconds, input.end].filter(
      (value) => value !== undefined,
    );
    if (durations.length !== 1) {
      throw new ValidationFailedError([
        {
          field: 'durationMinutes',
          reason: 'set exactly one of durationMinutes, durationSeconds or end',
        },
      ]);
    }

    if (input.end !== undefined) {
      const end = new Date(input.end);
      if (end.getTime() < start.getTime()) {
        throw new ValidationFailedError([{ field: 'end', reason: 'must not be before start' }]);
      }

      return { businessSeconds: calendar.businessSecondsBetween(start, end) };
    }
    const seconds = input.durationSeconds ?? input.durationMinutes! * 60;

    return {
      dueAt: calendar.addBusinessSeconds(start, seconds).toISOString(),
      businessSeconds: seconds,
    };
  }

  private async saveNamed(
    manager: EntityManager,
    calendar: CalendarEntity,
  ): Promise<CalendarEntity> {
    try {
      return await manager.save(calendar);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          'calendar_name_taken',
          `a calendar named "${calendar.name}" already exists`,
          [{ field: 'name', reason: 'must be unique' }],
        );
      }
      throw error;
    }
  }
}
