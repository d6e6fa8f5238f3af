import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventDefinition, SlaClockChangedPayload, SlaEvents } from '@deskflow/contracts';
import { Outbox } from '@deskflow/messaging';
import { SCHEMA } from '../database/schema';
import { ClockEventType } from './clock-event.entity';
import { ClockEntity } from './clock.entity';

const PUBLISHED_CHANGES: Partial<Record<ClockEventType, EventDefinition<SlaClockChangedPayload>>> = {
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

    await this.outbox.record(manager, definition, {
      subject: clock.ticketId,
      actor: 'system',
      data: {
        ticketId: clock.ticketId,
        clockId: clock.id,
        kind: clock.kind,
        at: at.toISOString(),
        dueAt: clock.dueAt?.toISOString() ?? null,
        reason: clock.cancelReason,
      },
    });
  }

  async recordMet(manager: EntityManager, clock: ClockEntity): Promise<void> {
    await this.record(manager, clock, 'met', clock.metAt!, {
      businessSeconds: clock.businessSeconds,
      breached: clock.breached,
    });
    await this.outbox.record(manager, SlaEvents.met, {
      subject: clock.ticketId,
      actor: 'system',
      data: {
        ticketId: clock.ticketId,
        clockId: clock.id,
        kind: clock.kind,
        metAt: clock.metAt!.toISOString(),
        businessSeconds: clock.businessSeconds!,
        breached: clock.breached,
      },
    });
  }
}
