import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BusinessCalendar } from '../business-time';
import { NotFoundError } from '@deskflow/http';
import { CalendarEntity, calendarSpecOf } from './calendar.entity';

/** Builds BusinessCalendar instances and keeps one per calendar version, so their day caches survive between events. */
@Injectable()
export class CalendarRegistry {
  private readonly byId = new Map<string, { version: number; calendar: BusinessCalendar }>();

  async load(manager: EntityManager, id: string): Promise<BusinessCalendar> {
    const entity = await manager.findOneBy(CalendarEntity, { id });
    if (!entity) throw new NotFoundError(`calendar ${id}`);

    return this.fromEntity(entity);
  }

  fromEntity(entity: CalendarEntity): BusinessCalendar {
    const cached = this.byId.get(entity.id);
    if (cached && cached.version === entity.version) return cached.calendar;

    const calendar = BusinessCalendar.create(calendarSpecOf(entity));
    this.byId.set(entity.id, { version: entity.version, calendar });

    return calendar;
  }
}
