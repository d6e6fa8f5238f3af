import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  EventDefinition,
  SlaClockChangedPayload,
  SlaClockKind,
  SlaEvents,
} from '@deskflow/contracts';
import { Outbox } from '@deskflow/messaging';
import { SCHEMA } from '../database/schema';
import { ClockEventType } from './clock-event.entity';
import { ClockEntity } from './clock.entity';

const PUBLISHED_CHANGES: Partial<Record<ClockEventType, EventDefinition<SlaClockChangedPayload>>> =
  {
    paused: SlaEvents.paused,
    resumed: SlaEvents.resumed,
    cancelled: SlaEvents.cancelled,
  };

/** Writes a clock's history and publishes its pause, resume and cancel events through the outbox. */
@Injectable()
export class ClockJournal {
  constructor(private readonly outbox: Outbox) {}

  async record(
    manager: EntityManager,
    clock: ClockEntity,
    type: ClockEventType,
    at: Date,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    await manager.query(
      `INSERT INTO "${SCHEMA}"."clock_event" ("clock_id", "ticket_id", "type", "at", "details") VALUES ($1, $2, $3, $4, $5)`,
      [clock.id, clock.ticketId, type, at.toISOString(), JSON.stringify(details)],
    );

    const definition = PUBLISHED_CHANGES[type];
    if (!definition) return;

    await this.publish(manager, clock, definition, {
      at: at.toISOString(),
      dueAt: clock.dueAt?.toISOString() ?? null,
      reason: clock.cancelReason,
    });
  }

  async recordMet(manager: EntityManager, clock: ClockEntity): Promise<void> {
    await this.record(manager, clock, 'met', clock.metAt!, {
      businessSeconds: clock.businessSeconds,
      breached: clock.breached,
    });
    await this.publish(manager, clock, SlaEvents.met, {
      metAt: clock.metAt!.toISOString(),
      businessSeconds: clock.businessSeconds!,
      breached: clock.breached,
    });
  }

  /** Records a clock event in the outbox; the clock's identity fields are filled in here. */
  private async publish<T extends { ticketId: string; clockId: string; kind: SlaClockKind }>(
    manager: EntityManager,
    clock: ClockEntity,
    definition: EventDefinition<T>,
    fields: Omit<T, 'ticketId' | 'clockId' | 'kind'>,
  ): Promise<void> {
    const data = { ticketId: clock.ticketId, clockId: clock.id, kind: clock.kind, ...fields } as T;
    await this.outbox.record(manager, definition, {
      subject: clock.ticketId,
      actor: 'system',
      data,
    });
  }
}
