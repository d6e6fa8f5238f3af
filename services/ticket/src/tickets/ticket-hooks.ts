import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FieldChange } from '@deskflow/contracts';
import { TicketActor } from '../common/ticket-actor';
import { Ticket } from './ticket.entity';

/**
 * A ticket change that hooks may extend inside its transaction, before history and events:
 * a creation, a field update, or a customer message (trigger `update`).
 */
export interface TicketHookContext {
  manager: EntityManager;
  actor: TicketActor;
  ticket: Ticket;
  trigger: 'create' | 'update';
  now: Date;
  /**
   * Text of the opening article on create; on an update caused by a customer message, the text
   * of that message; empty on a field update.
   */
  bodyText: string;
  /**
   * The field changes of this update (empty on create). A hook that changes the ticket merges
   * its own changes in, so they go out in the same `ticket.updated` event.
   */
  changes: FieldChange[];
}

export interface TicketHook {
  afterChange(context: TicketHookContext): Promise<void>;
  /**
   * Whether `afterChange` would read or write anything for this change. It may read through
   * `context.manager`, which need not be in a transaction, and must change nothing. A creation
   * for which no hook has work is written with one statement, without a transaction for hooks
   * to join; a hook without this method always counts as having work.
   */
  hasWork?(context: TicketHookContext): Promise<boolean>;
}

/**
 * Hooks that run after a ticket is created or updated, in the same transaction, lowest order
 * first. Feature modules (automation rules, auto-assignment) register here, so the ticket core
 * does not depend on them.
 */
@Injectable()
export class TicketHooks {
  private readonly hooks: { order: number; hook: TicketHook }[] = [];

  register(hook: TicketHook, order: number): void {
    this.hooks.push({ order, hook });
    this.hooks.sort((a, b) => a.order - b.order);
  }

  async run(context: TicketHookContext): Promise<void> {
    for (const { hook } of this.hooks) await hook.afterChange(context);
  }

  /** Whether any hook has work for the change; see `TicketHook.hasWork`. */
  async anyHasWork(context: TicketHookContext): Promise<boolean> {
    for (const { hook } of this.hooks) {
      if (!hook.hasWork || (await hook.hasWork(context))) return true;
    }

    return false;
  }

  /** Runs the hooks for an update; `bodyText` is the customer message that caused it, if any. */
  runOnUpdate(
    update: Pick<TicketHookContext, 'manager' | 'actor' | 'ticket' | 'now' | 'changes'>,
    bodyText = '',
  ): Promise<void> {
    return this.run({ ...update, trigger: 'update', bodyText });
  }
}
