import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  ArticleSnapshot,
  COMMUNICATION_CHANNELS,
  SlaEvents,
  TicketSnapshot,
  TicketStateType,
} from '@deskflow/contracts';
import { Outbox } from '@deskflow/messaging';
import { rootLogger } from '@deskflow/observability';
import { ClockEngine, TicketContext } from '../clocks/clock-engine.service';
import { isClosedStateType } from '../clocks/clock-timeline';
import { currentClocks, toClockView } from '../clocks/clock-view';
import { isActiveClock } from '../clocks/clock.entity';
import { PolicyEntity } from '../policies/policy.entity';
import { lockPoliciesForMatching } from '../policies/policy-set-lock';
import { TimeSource } from '../time/time-source';
import { saveProjection, StateLogEntry, TicketProjectionEntity } from './ticket-projection.entity';

/** One ticket event reduced to what the clocks need. */
export interface TicketChange {
  snapshot: TicketSnapshot;
  /** When the change took effect, from the event payload. */
  effectiveAt: Date;
  /** True for `ticket.created`, whose snapshot shows the state the ticket started in. */
  created?: boolean;
  article?: ArticleSnapshot | null;
  /** True when the article existed before and only changed, e.g. from internal to public. */
  articleUpdated?: boolean;
}

/** Fields whose change re-matches the policy. */
const MATCHED_FIELDS = [
  'priority',
  'queueId',
  'type',
  'organisationId',
  'organisationTier',
] as const;

/** Tells whether an article counts as a response to the customer under a policy. */
export function isAgentResponse(article: ArticleSnapshot, policy: PolicyEntity | null): boolean {
  const countsAsNote = article.kind !== 'note' || (policy?.publicNotesCount ?? false);

  return (
    article.senderType === 'agent' &&
    article.visibility === 'public' &&
    !article.automatic &&
    COMMUNICATION_CHANNELS.includes(article.channel) &&
    countsAsNote
  );
}

function isCustomerMessage(article: ArticleSnapshot): boolean {
  return article.senderType === 'customer' && article.visibility === 'public' && !article.automatic;
}

/**
 * Applies ticket events to the local projection and the clocks, measuring from the events' own
 * timestamps. An event whose snapshot is older than the projection changes nothing.
 */
@Injectable()
export class TicketEventApplier {
  private readonly logger = rootLogger().child({ context: 'TicketEventApplier' });

  constructor(
    private readonly engine: ClockEngine,
    private readonly outbox: Outbox,
    private readonly time: TimeSource,
  ) {}

  async apply(manager: EntityManager, change: TicketChange): Promise<void> {
    const { snapshot } = change;
    await lockPoliciesForMatching(manager);
    const existing = await manager.findOne(TicketProjectionEntity, {
      where: { ticketId: snapshot.id },
      lock: { mode: 'pessimistic_write' },
    });
    if (existing && Date.parse(snapshot.updatedAt) < existing.snapshotUpdatedAt.getTime()) {
      this.logger.debug(
        { ticketId: snapshot.id, updatedAt: snapshot.updatedAt },
        'ignored an older ticket snapshot',
      );
      return;
    }

    const context = existing
      ? await this.update(manager, existing, change)
      : await this.insert(manager, change);
    await this.applyArticle(context, change);
    this.copySnapshot(context.ticket, snapshot);
    await saveProjection(manager, context.ticket);
    if (context.changed) await this.publishApplied(context);
  }

  /** Publishes `sla.applied` with the current clocks of the ticket. */
  async publishApplied(context: TicketContext): Promise<void> {
    const now = this.time.now();
    await this.outbox.record(context.manager, SlaEvents.applied, {
      subject: context.ticket.ticketId,
      actor: 'system',
      data: {
        ticketId: context.ticket.ticketId,
        ticketNumber: context.ticket.number,
        policyId: context.policy?.id ?? null,
        policyName: context.policy?.name ?? null,
        clocks: currentClocks(context.clocks).map((clock) => toClockView(clock, now)),
      },
    });
  }

  private async insert(manager: EntityManager, change: TicketChange): Promise<TicketContext> {
    const { snapshot } = change;
    const initialState: TicketStateType = change.created ? snapshot.stateType : 'new';
    const ticket = manager.create(TicketProjectionEntity, {
      ticketId: snapshot.id,
      startedAt: new Date(snapshot.createdAt),
      stateLog: [{ at: snapshot.createdAt, stateType: initialState }],
      policyId: null,
      firstResponseAt: null,
      lastResponseAt: null,
    });
    this.copySnapshot(ticket, snapshot);
    ticket.stateType = initialState;
    await manager.insert(TicketProjectionEntity, ticket);

    const context = this.engine.newContext(manager, ticket);
    // A ticket created directly in a closed state runs no clock.
    if (!isClosedStateType(initialState)) await this.engine.rematch(context, ticket.startedAt);
    if (snapshot.stateType !== initialState)
      await this.changeState(context, snapshot.stateType, change.effectiveAt);

    return context;
  }

  private async update(
    manager: EntityManager,
    ticket: TicketProjectionEntity,
    change: TicketChange,
  ): Promise<TicketContext> {
    const context = await this.engine.context(manager, ticket);
    if (change.snapshot.stateType !== ticket.stateType) {
      await this.changeState(context, change.snapshot.stateType, change.effectiveAt);
    }
    const rematch = MATCHED_FIELDS.some(
      (field) => (change.snapshot[field] ?? null) !== (ticket[field] ?? null),
    );
    if (rematch) {
      this.copySnapshot(ticket, change.snapshot);
      await this.engine.rematch(context, change.effectiveAt);
    }

    return context;
  }

  private async changeState(context: TicketContext, to: TicketStateType, at: Date): Promise<void> {
    const { ticket } = context;
    const from = ticket.stateType;
    ticket.stateLog = insertSorted(ticket.stateLog, { at: at.toISOString(), stateType: to });
    ticket.stateType = to;

    if (to === 'merged') {
      for (const clock of context.clocks.filter(isActiveClock))
        await this.engine.cancel(context, clock, at, 'ticket_merged');
    } else if (isClosedStateType(to)) {
      await this.closeClocks(context, at);
    } else if (isClosedStateType(from)) {
      await this.reopen(context, at);
    }

    for (const clock of context.clocks.filter(isActiveClock))
      await this.engine.refresh(context, clock, at);
  }

  private async closeClocks(context: TicketContext, at: Date): Promise<void> {
    for (const clock of context.clocks.filter(isActiveClock)) {
      if (clock.kind === 'resolution') {
        await this.engine.meet(context, clock, at);
      } else {
        await this.engine.cancel(context, clock, at, 'ticket_closed');
      }
    }
  }

  private async reopen(context: TicketContext, at: Date): Promise<void> {
    if (context.clocks.length === 0) {
      await this.engine.rematch(context, at);
      return;
    }

    const resolution = this.engine.latest(context, 'resolution');
    if (resolution && context.policy?.resumeOnReopen)
      await this.engine.resume(context, resolution, at);
  }

  private async applyArticle(context: TicketContext, change: TicketChange): Promise<void> {
    const { article } = change;
    if (!article) return;

    // A note made public later counts from the time it was published, never from its creation.
    const at = change.articleUpdated ? change.effectiveAt : new Date(article.createdAt);
    if (isAgentResponse(article, context.policy)) {
      await this.answer(context, at);
    } else if (!change.articleUpdated && isCustomerMessage(article)) {
      await this.awaitReply(context, at);
    }
  }

  private async answer(context: TicketContext, at: Date): Promise<void> {
    context.ticket.firstResponseAt ??= at;
    if (!context.ticket.lastResponseAt || context.ticket.lastResponseAt < at)
      context.ticket.lastResponseAt = at;
    for (const clock of context.clocks.filter(isActiveClock)) {
      if (clock.kind !== 'resolution') await this.engine.meet(context, clock, at);
    }
  }

  /** Starts a next-response clock for a customer message, unless one already waits for a reply. */
  private async awaitReply(context: TicketContext, at: Date): Promise<void> {
    const { ticket } = context;
    if (ticket.firstResponseAt === null || isClosedStateType(ticket.stateType)) return;

    const waiting = this.engine.latest(context, 'next_response');
    if (waiting && isActiveClock(waiting)) return;

    await this.engine.startClock(context, 'next_response', at);
  }

  private copySnapshot(ticket: TicketProjectionEntity, snapshot: TicketSnapshot): void {
    ticket.number = snapshot.number;
    ticket.snapshot = snapshot;
    ticket.priority = snapshot.priority;
    ticket.type = snapshot.type;
    ticket.queueId = snapshot.queueId;
    ticket.organisationId = snapshot.organisationId ?? null;
    ticket.organisationTier = snapshot.organisationTier ?? null;
    ticket.snapshotUpdatedAt = new Date(snapshot.updatedAt);
  }
}

function insertSorted(log: StateLogEntry[], entry: StateLogEntry): StateLogEntry[] {
  const at = Date.parse(entry.at);
  const index = log.findIndex((existing) => Date.parse(existing.at) > at);

  return index === -1 ? [...log, entry] : [...log.slice(0, index), entry, ...log.slice(index)];
}
