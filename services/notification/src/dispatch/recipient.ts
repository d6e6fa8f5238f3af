import { AgentProjection } from '../directory/agent-projection.entity';

export type RecipientType = 'agent' | 'customer' | 'external';

/** A person or address a rule reaches. */
export interface Recipient {
  /** `agent:<id>`, `customer:<id>` or `email:<address>`: the identity deduplication compares. */
  key: string;
  type: RecipientType;
  id: string | null;
  address: string | null;
  name: string | null;
  language: string | null;
}

export function agentRecipient(agent: AgentProjection): Recipient {
  return {
    key: `agent:${agent.id}`,
    type: 'agent',
    id: agent.id,
    address: agent.email,
    name: agent.name,
    language: agent.language,
  };
}

export function externalRecipient(address: string): Recipient {
  const normalised = address.trim().toLowerCase();

  return {
    key: `email:${normalised}`,
    type: 'external',
    id: null,
    address: normalised,
    name: null,
    language: null,
  };
}

/**
 * The recipient key of the person in an event's `actor` attribute (`<role>:<id>`), or null for
 * `system` and integrations. Admins are agents in the directory, so both map to `agent:`.
 */
export function actorRecipientKey(actor: string): string | null {
  const separator = actor.indexOf(':');
  if (separator < 0) return null;

  const role = actor.slice(0, separator);
  const id = actor.slice(separator + 1);
  if (role === 'agent' || role === 'admin') return `agent:${id}`;
  if (role === 'customer') return `customer:${id}`;

  return null;
}
