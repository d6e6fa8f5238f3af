import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TicketProjectionEntity } from '../tickets/ticket-projection.entity';
import { PolicyEntity } from './policy.entity';

function allows<T>(allowed: readonly T[], value: T | null): boolean {
  return allowed.length === 0 || (value !== null && allowed.includes(value));
}

/** Tells whether every criterion a policy sets holds for the ticket; empty criteria match anything. */
export function policyMatches(policy: PolicyEntity, ticket: TicketProjectionEntity): boolean {
  return (
    allows(policy.priorities, ticket.priority) &&
    allows(policy.queueIds, ticket.queueId) &&
    allows(policy.types, ticket.type) &&
    allows(policy.organisationIds, ticket.organisationId) &&
    allows(policy.organisationTiers, ticket.organisationTier)
  );
}

/** Chooses a ticket's policy: the first matching active policy by position, else the active default. */
@Injectable()
export class PolicyMatcher {
  async match(manager: EntityManager, ticket: TicketProjectionEntity): Promise<PolicyEntity | null> {
    const policies = await manager.find(PolicyEntity, { where: { active: true }, order: { position: 'ASC', createdAt: 'ASC' } });
    const matching = policies.find((policy) => !policy.isDefault && policyMatches(policy, ticket));

    return matching ?? policies.find((policy) => policy.isDefault) ?? null;
  }
}
