export const ROLES = ['admin', 'agent', 'customer', 'integration'] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated caller of a request. */
export interface Actor {
  id: string;
  role: Role;
  email?: string;
  name?: string;
  organisationId?: string;
  /** Scopes of an API key or integration token, e.g. `tickets:write`. */
  scopes?: string[];
}

/** Formats an actor for the `actor` attribute of events: `<role>:<id>`. */
export function actorRef(actor: Actor | undefined): string {
  return actor ? `${actor.role}:${actor.id}` : 'system';
}
