import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { FieldChange } from '@deskflow/contracts';
import { FieldProblem, ValidationFailedError } from '@deskflow/http';
import { TicketAccessService } from '../access/ticket-access.service';
import { definedOnly } from '../common/defined-only';
import { TicketActor } from '../common/ticket-actor';
import { Agent } from '../people/agent.entity';
import { Customer } from '../people/customer.entity';
import { Queue } from '../queues/queue.entity';
import { ChangeSet } from './change-set';
import { validateCustomFields } from './custom-fields';
import { UpdateTicketDto } from './dto/update-ticket.dto';
import { priorityFromMatrix } from './priority-matrix';
import { applyState } from './state-change';
import { TicketMergedError } from './ticket-states';
import { Ticket } from './ticket.entity';

export type TicketPatch = Partial<UpdateTicketDto>;

/** Fields that null clears. Every other field rejects null. */
export const NULLABLE_FIELDS = new Set([
  'ownerId',
  'priority',
  'impact',
  'urgency',
  'pendingUntil',
]);
const CUSTOMER_STATES = ['open', 'closed'];

/** Normalises tags: trimmed, without duplicates, in the given order. */
export function normaliseTags(tags: string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim()).filter(Boolean))];
}

/**
 * Validates a partial update against the ticket, the caller's permissions and the queue's
 * custom fields, and applies it to the ticket object. Returns the changes; the caller saves.
 */
@Injectable()
export class TicketPatcher {
  constructor(private readonly access: TicketAccessService) {}

  async apply(
    manager: EntityManager,
    actor: TicketActor,
    ticket: Ticket,
    input: TicketPatch,
    now: Date,
  ): Promise<FieldChange[]> {
    const patch = definedOnly(input);
    this.checkFields(actor, patch);
    if (ticket.stateType === 'merged')
      throw new TicketMergedError(ticket.number, ticket.mergedIntoId);

    await this.access.assertCanWrite(manager, actor, ticket.queueId, 'id');

    return this.applyFields(manager, actor, ticket, patch, now);
  }

  /**
   * Applies already permitted fields; ticket creation uses it on the new ticket and passes the
   * queue it has already loaded.
   */
  async applyFields(
    manager: EntityManager,
    actor: TicketActor,
    ticket: Ticket,
    patch: TicketPatch,
    now: Date,
    loadedQueue?: Queue,
  ): Promise<FieldChange[]> {
    const changes = new ChangeSet(ticket);
    if (patch.title !== undefined) changes.set('title', patch.title.trim());
    if (patch.type !== undefined) changes.set('type', patch.type);
    if (patch.tags !== undefined) changes.set('tags', normaliseTags(patch.tags));
    const queue =
      loadedQueue && patch.queueId === undefined && loadedQueue.id === ticket.queueId
        ? loadedQueue
        : await this.applyQueue(manager, actor, ticket, changes, patch.queueId);
    await this.applyCustomer(manager, changes, patch.customerId);
    await this.applyOwner(manager, ticket, changes, patch);
    await this.applyWatchers(manager, changes, patch.watcherIds);
    this.applyPriority(ticket, changes, patch);
    this.applyCustomFields(ticket, changes, queue, patch.customFields);
    if (patch.state !== undefined || patch.pendingUntil !== undefined) {
      const pendingUntil =
        patch.pendingUntil === undefined
          ? undefined
          : patch.pendingUntil
            ? new Date(patch.pendingUntil)
            : null;
      applyState(ticket, changes, patch.state ?? ticket.state, pendingUntil, now);
    }

    return changes.changes;
  }

  private checkFields(actor: TicketActor, patch: TicketPatch): void {
    const problems: FieldProblem[] = [];
    for (const [field, value] of Object.entries(patch)) {
      if (value === null && !NULLABLE_FIELDS.has(field))
        problems.push({ field, reason: 'must not be null' });
      if (actor.role === 'customer' && field !== 'state') {
        problems.push({ field, reason: 'customers may only change the state' });
      }
    }
    if (
      actor.role === 'customer' &&
      patch.state !== undefined &&
      !CUSTOMER_STATES.includes(patch.state)
    ) {
      problems.push({
        field: 'state',
        reason: `customers may only set ${CUSTOMER_STATES.join(' or ')}`,
      });
    }
    if (problems.length > 0) throw new ValidationFailedError(problems);
  }

  private async applyQueue(
    manager: EntityManager,
    actor: TicketActor,
    ticket: Ticket,
    changes: ChangeSet,
    queueId: string | undefined,
  ): Promise<Queue> {
    const queue = await manager.findOneBy(Queue, { id: queueId ?? ticket.queueId });
    if (!queue || (queueId !== undefined && queueId !== ticket.queueId && !queue.active)) {
      throw new ValidationFailedError([{ field: 'queueId', reason: `no active queue ${queueId}` }]);
    }
    if (queue.id !== ticket.queueId) {
      await this.access.assertCanWrite(manager, actor, queue.id, 'queueId');
      changes.set('queueId', queue.id);
    }

    return queue;
  }

  private async applyCustomer(
    manager: EntityManager,
    changes: ChangeSet,
    customerId: string | undefined,
  ): Promise<void> {
    if (customerId === undefined) return;

    const customer = await manager.findOneBy(Customer, { id: customerId });
    if (!customer)
      throw new ValidationFailedError([
        { field: 'customerId', reason: `no customer ${customerId}` },
      ]);

    changes.set('customerId', customer.id);
    changes.set('organisationId', customer.organisationId);
  }

  /** Sets the owner; one who may not work in the (new) queue is rejected, or dropped on a queue move. */
  private async applyOwner(
    manager: EntityManager,
    ticket: Ticket,
    changes: ChangeSet,
    patch: TicketPatch,
  ): Promise<void> {
    if (patch.ownerId !== undefined) {
      if (patch.ownerId !== null && !(await this.mayOwn(manager, patch.ownerId, ticket.queueId))) {
        throw new ValidationFailedError([
          {
            field: 'ownerId',
            reason: `agent ${patch.ownerId} is not an active member of the ticket's queue`,
          },
        ]);
      }
      changes.set('ownerId', patch.ownerId);
    } else if (
      ticket.ownerId &&
      changes.has('queueId') &&
      !(await this.mayOwn(manager, ticket.ownerId, ticket.queueId))
    ) {
      changes.set('ownerId', null);
    }
  }

  private async mayOwn(manager: EntityManager, agentId: string, queueId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM "ticket"."agent" a
       WHERE a."id" = $1 AND a."active" AND (a."role" = 'admin' OR EXISTS (
         SELECT 1 FROM "ticket"."queue_member" m WHERE m."agent_id" = a."id" AND m."queue_id" = $2))`,
      [agentId, queueId],
    );

    return rows.length > 0;
  }

  private async applyWatchers(
    manager: EntityManager,
    changes: ChangeSet,
    watcherIds: string[] | undefined,
  ): Promise<void> {
    if (watcherIds === undefined) return;

    const unique = [...new Set(watcherIds)];
    const found = await manager.countBy(Agent, { id: In(unique), active: true });
    if (found !== unique.length) {
      throw new ValidationFailedError([
        { field: 'watcherIds', reason: 'every watcher must be an active agent' },
      ]);
    }
    changes.set('watcherIds', unique);
  }

  private applyPriority(ticket: Ticket, changes: ChangeSet, patch: TicketPatch): void {
    if (patch.impact !== undefined) changes.set('impact', patch.impact);
    if (patch.urgency !== undefined) changes.set('urgency', patch.urgency);
    if (patch.priority) {
      changes.set('priority', patch.priority);
      ticket.priorityExplicit = true;
    } else if (patch.priority === null) {
      ticket.priorityExplicit = false;
    }
    if (!ticket.priorityExplicit)
      changes.set('priority', priorityFromMatrix(ticket.impact, ticket.urgency));
  }

  private applyCustomFields(
    ticket: Ticket,
    changes: ChangeSet,
    queue: Queue,
    values: Record<string, unknown> | undefined,
  ): void {
    if (values === undefined && !changes.has('queueId')) return;

    const defined = new Set(queue.customFields.map((definition) => definition.key));
    const kept = Object.fromEntries(
      Object.entries(ticket.customFields).filter(([key]) => defined.has(key)),
    );
    changes.set(
      'customFields',
      validateCustomFields(queue.customFields, { ...kept, ...values }, queue.name),
    );
  }
}
