import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TicketProjectionEntity } from '../tickets/ticket-projection.entity';
import { PolicyEntity } from './policy.entity';

/** The ticket fields that policies match on. */
export type MatchedTicketFields = Pick<
  TicketProjectionEntity,
  'priority' | 'queueId' | 'type' | 'organisationId' | 'organisationTier'
>;

function allows<T>(allowed: readonly T[], value: T | null): boolean {
  return allowed.length === 0 || (value !== null && allowed.includes(value));
}

/** Tells whether every criterion a policy sets holds for the ticket; empty criteria match anything. */
export function policyMatches(policy: PolicyEntity, ticket: MatchedTicketFields): boolean {
  return (
    allows(policy.priorities, ticket.priority) &&
    allows(policy.queueIds, ticket.queueId) &&
    allows(policy.types, ticket.type) &&
    allows(policy.organisationIds, ticket.organisationId) &&
    allows(policy.organisationTiers, ticket.organisationTier)
  );
}

/** Picks from active policies in position order: the first matching one, else the default. */
export function choosePolicy(
  activePolicies: PolicyEntity[],
  ticket: MatchedTicketFields,
): PolicyEntity | null {
  const matching = activePolicies.find(
    (policy) => !policy.isDefault && policyMatches(policy, ticket),
  );

  return matching ?? activePolicies.find((policy) => policy.isDefault) ?? null;
}

/** Chooses a ticket's policy: the first matching active policy by position, else the active default. */
@Injectable()
export class PolicyMatcher {
  async match(manager: EntityManager, ticket: MatchedTicketFields): Promise<PolicyEntity | null> {
    return choosePolicy(await this.activePolicies(manager), ticket);
  }

  activePolicies(manager: EntityManager): Promise<PolicyEntity[]> {
    return manager.find(PolicyEntity, {
      where: { active: true },
      order: { position: 'ASC', createdAt: 'ASC' },
    });
  }
}
