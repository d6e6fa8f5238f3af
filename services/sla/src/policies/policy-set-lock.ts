import { EntityManager } from 'typeorm';

/**
 * Orders policy matching against policy and calendar changes. Each ticket event takes this
 * transaction-level advisory lock shared, and a change takes it exclusively before it reads the
 * tickets to re-match. An event therefore either reads the committed change or commits before
 * the re-match reads its ticket, and no ticket keeps a match made from stale policies.
 */
const POLICY_SET_LOCK = 'deskflow:sla:policy-set';

export async function lockPoliciesForMatching(manager: EntityManager): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock_shared(hashtext($1))', [POLICY_SET_LOCK]);
}

export async function lockPoliciesForChange(manager: EntityManager): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [POLICY_SET_LOCK]);
}
