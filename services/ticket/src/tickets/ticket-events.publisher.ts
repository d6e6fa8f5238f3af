import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  EVENT_TEXT_LIMITS,
  EventDefinition,
  FieldChange,
  TicketEvents,
  TicketSnapshot,
} from '@deskflow/contracts';
import { Outbox, PreparedEvent, RecordEventInput } from '@deskflow/messaging';
import { toArticleSnapshot } from '../articles/article-presenter';
import { Article } from '../articles/article.entity';
import { TicketActor, ticketActorRef } from '../common/ticket-actor';
import { TICKET_STATES } from './ticket-states';
import { Ticket } from './ticket.entity';
import { TicketRefs, TicketRefsLoader } from './ticket-refs.loader';
import { toSnapshot } from './ticket-presenter';

/** The outbox input of a ticket event, with `time` set to when the reported change happened. */
function eventInput<T extends { ticket: TicketSnapshot }>(
  actor: TicketActor,
  data: T,
  time?: Date,
): RecordEventInput<T> {
  // Every payload here is built from the service's own records with typed code.
  return {
    subject: data.ticket.id,
    actor: ticketActorRef(actor),
    data,
    time,
    validate: false,
  };
}

function fitsChangeBudget(value: unknown): boolean {
  const json = JSON.stringify(value ?? null);

  return Buffer.byteLength(json, 'utf8') <= EVENT_TEXT_LIMITS.changeValueBytes;
}

/**
 * Leaves out a `before` or `after` value too large for an event, such as the custom fields of a
 * ticket whose 100 fields each hold 10,000 characters.
 */
function boundChange(change: FieldChange): FieldChange {
  if (fitsChangeBudget(change.before) && fitsChangeBudget(change.after)) return change;

  return {
    field: change.field,
    before: fitsChangeBudget(change.before) ? change.before : null,
    after: fitsChangeBudget(change.after) ? change.after : null,
    truncated: true,
  };
}

/**
 * Records ticket events in the outbox, inside the transaction of the change, each with the
 * ticket's snapshot after the change.
 */
@Injectable()
export class TicketEventsPublisher {
  constructor(
    private readonly outbox: Outbox,
    private readonly refsLoader: TicketRefsLoader,
  ) {}

  async snapshot(
    manager: EntityManager,
    ticket: Ticket,
    refs?: TicketRefs,
  ): Promise<TicketSnapshot> {
    return toSnapshot(ticket, refs ?? (await this.refsLoader.loadOne(manager, ticket)));
  }

  async publish<T extends { ticket: TicketSnapshot }>(
    manager: EntityManager,
    definition: EventDefinition<T>,
    actor: TicketActor,
    data: T,
    time?: Date,
  ): Promise<void> {
    await this.outbox.record(manager, definition, eventInput(actor, data, time));
  }

  /** Builds an event like `publish` without recording it, for a change written in one statement. */
  prepare<T extends { ticket: TicketSnapshot }>(
    definition: EventDefinition<T>,
    actor: TicketActor,
    data: T,
    time?: Date,
  ): Promise<PreparedEvent<T>> {
    return this.outbox.prepare(definition, eventInput(actor, data, time));
  }

  /**
   * Publishes `ticket.updated` with the changes, plus `ticket.state_changed` and
   * `ticket.assigned` when the state or the owner is among them, all at the ticket's `updatedAt`.
   */
  async changed(
    manager: EntityManager,
    ticket: Ticket,
    actor: TicketActor,
    changes: FieldChange[],
    snapshot?: TicketSnapshot,
  ): Promise<void> {
    if (changes.length === 0) return;

    const current = snapshot ?? (await this.snapshot(manager, ticket));
    const time = ticket.updatedAt;
    await this.publish(
      manager,
      TicketEvents.updated,
      actor,
      { ticket: current, changes: changes.map(boundChange) },
      time,
    );

    const state = changes.find((change) => change.field === 'state');
    if (state) {
      const from = String(state.before);
      await this.publish(
        manager,
        TicketEvents.stateChanged,
        actor,
        {
          ticket: current,
          from: { state: from, stateType: TICKET_STATES[from] },
          to: { state: ticket.state, stateType: ticket.stateType },
          changedAt: ticket.updatedAt.toISOString(),
        },
        time,
      );
    }

    await this.assigned(manager, actor, ticket, current, changes);
  }

  /** Publishes `ticket.assigned`, at the ticket's `updatedAt`, when the owner is among the changes. */
  async assigned(
    manager: EntityManager,
    actor: TicketActor,
    ticket: Ticket,
    current: TicketSnapshot,
    changes: FieldChange[],
  ): Promise<void> {
    const owner = changes.find((change) => change.field === 'ownerId');
    if (!owner) return;

    await this.publish(
      manager,
      TicketEvents.assigned,
      actor,
      {
        ticket: current,
        previousOwnerId: (owner.before as string | null) ?? null,
        ownerId: ticket.ownerId,
      },
      ticket.updatedAt,
    );
  }

  /** Publishes `ticket.article_added` for an article written in this transaction. */
  async articleAdded(
    manager: EntityManager,
    actor: TicketActor,
    ticket: Ticket,
    article: Article,
    options: { refs?: TicketRefs; suppressAutoReply?: boolean } = {},
  ): Promise<void> {
    await this.publish(
      manager,
      TicketEvents.articleAdded,
      actor,
      {
        ticket: await this.snapshot(manager, ticket, options.refs),
        article: toArticleSnapshot(article),
        suppressAutoReply: options.suppressAutoReply ?? false,
      },
      article.createdAt,
    );
  }
}
