import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TicketPriority, TicketType } from '@deskflow/contracts';
import { rootLogger } from '@deskflow/observability';
import { ClockEngine } from '../clocks/clock-engine.service';
import { CLOSED_STATE_TYPES } from '../clocks/clock-timeline';
import { SCHEMA } from '../database/schema';
import { choosePolicy, PolicyMatcher } from '../policies/policy-matcher';
import { lockPoliciesForChange } from '../policies/policy-set-lock';
import { TimeSource } from '../time/time-source';
import { TicketEventApplier } from './ticket-event-applier.service';
import { saveProjection, TicketProjectionEntity } from './ticket-projection.entity';

interface MatchRow {
  ticket_id: string;
  policy_id: string | null;
  state_type: string;
  priority: TicketPriority;
  queue_id: string;
  type: TicketType;
  organisation_id: string | null;
  organisation_tier: string | null;
}

/**
 * Re-matches tickets after a policy or calendar change, inside the transaction of the change.
 * It covers every ticket of the changed policies and every open ticket whose matching policy
 * is now a different one, after a new policy, a new position or new criteria.
 */
@Injectable()
export class TicketRematcher {
  private readonly logger = rootLogger().child({ context: 'TicketRematcher' });

  constructor(
    private readonly engine: ClockEngine,
    private readonly applier: TicketEventApplier,
    private readonly matcher: PolicyMatcher,
    private readonly time: TimeSource,
  ) {}

  // NOTE: this runs in the admin request's transaction, so a change that moves many thousands
  // of open tickets to another policy makes that request take seconds, and ticket events wait
  // for it because of the policy-set lock.
  async rematchPolicies(manager: EntityManager, changedPolicyIds: string[]): Promise<number> {
    await lockPoliciesForChange(manager);
    const ticketIds = await this.affectedTicketIds(manager, changedPolicyIds);
    if (ticketIds.length === 0) return 0;

    const tickets = await manager
      .createQueryBuilder(TicketProjectionEntity, 'ticket')
      .where('ticket.ticketId = ANY(:ticketIds)', { ticketIds })
      .orderBy('ticket.ticketId', 'ASC')
      .setLock('pessimistic_write')
      .getMany();
    const at = this.time.now();
    for (const ticket of tickets) {
      const context = await this.engine.context(manager, ticket);
      await this.engine.rematch(context, at);
      await saveProjection(manager, ticket);
      if (context.changed) await this.applier.publishApplied(context);
    }
    this.logger.info(
      { changedPolicyIds, tickets: tickets.length },
      're-matched the tickets of changed policies',
    );

    return tickets.length;
  }

  private async affectedTicketIds(
    manager: EntityManager,
    changedPolicyIds: string[],
  ): Promise<string[]> {
    const activePolicies = await this.matcher.activePolicies(manager);
    const rows: MatchRow[] = await manager.query(
      `SELECT "ticket_id", "policy_id", "state_type", "priority", "queue_id", "type", "organisation_id", "organisation_tier"
         FROM "${SCHEMA}"."ticket"
        WHERE "policy_id" = ANY($1::uuid[]) OR NOT ("state_type" = ANY($2::text[]))`,
      [changedPolicyIds, CLOSED_STATE_TYPES],
    );
    const changed = new Set(changedPolicyIds);

    return rows
      .filter((row) => {
        if (row.policy_id !== null && changed.has(row.policy_id)) return true;
        if (CLOSED_STATE_TYPES.includes(row.state_type as never)) return false;

        const chosen = choosePolicy(activePolicies, {
          priority: row.priority,
          queueId: row.queue_id,
          type: row.type,
          organisationId: row.organisation_id,
          organisationTier: row.organisation_tier,
        });

        return (chosen?.id ?? null) !== row.policy_id;
      })
      .map((row) => row.ticket_id);
  }
}
