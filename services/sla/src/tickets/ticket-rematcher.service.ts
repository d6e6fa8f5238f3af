import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { rootLogger } from '@deskflow/observability';
import { ClockEngine } from '../clocks/clock-engine.service';
import { TimeSource } from '../time/time-source';
import { TicketEventApplier } from './ticket-event-applier.service';
import { saveProjection, TicketProjectionEntity } from './ticket-projection.entity';

/** Re-matches the tickets of changed policies at once, inside the transaction of the change. */
@Injectable()
export class TicketRematcher {
  private readonly logger = rootLogger().child({ context: 'TicketRematcher' });

  constructor(
    private readonly engine: ClockEngine,
    private readonly applier: TicketEventApplier,
    private readonly time: TimeSource,
  ) {}

  async rematchPolicies(manager: EntityManager, policyIds: string[]): Promise<number> {
    if (policyIds.length === 0) return 0;

    const tickets = await manager.find(TicketProjectionEntity, {
      where: { policyId: In(policyIds) },
      order: { ticketId: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    const at = this.time.now();
    for (const ticket of tickets) {
      const context = await this.engine.context(manager, ticket);
      await this.engine.rematch(context, at);
      await saveProjection(manager, ticket);
      if (context.changed) await this.applier.publishApplied(context);
    }
    this.logger.info({ policyIds, tickets: tickets.length }, 're-matched the tickets of changed policies');

    return tickets.length;
  }
}
