import { Actor, actorRef } from '@deskflow/auth';

/** The service itself, acting for a channel, a timer or an automation rule. */
export interface SystemActor {
  id: 'system';
  role: 'system';
  name?: string;
}

/** The actor of a ticket change: an authenticated caller or the service itself. */
export type TicketActor = Actor | SystemActor;

export const SYSTEM_ACTOR: SystemActor = { id: 'system', role: 'system' };

export function isSystemActor(actor: TicketActor): actor is SystemActor {
  return actor.role === 'system';
}

/** Formats the actor for events and history: `<role>:<id>`, or `system`. */
export function ticketActorRef(actor: TicketActor): string {
  return isSystemActor(actor) ? 'system' : actorRef(actor);
}

export function isStaff(actor: TicketActor): boolean {
  return actor.role === 'agent' || actor.role === 'admin';
}
