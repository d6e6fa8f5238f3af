import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { FieldChange, TicketSnapshot } from '@deskflow/contracts';
import { assertIfMatch, IfMatchCondition, versionEtag } from '@deskflow/http';
import { TicketAccessService } from '../access/ticket-access.service';
import { TicketActor, ticketActorRef } from '../common/ticket-actor';
import { HistoryService } from '../history/history.service';
import { TicketEventsPublisher } from './ticket-events.publisher';
import { TicketHooks } from './ticket-hooks';
import { TicketPatch, TicketPatcher } from './ticket-patcher.service';
import { Ticket } from './ticket.entity';
import { TicketRefs, TicketRefsLoader } from './ticket-refs.loader';
import { toView } from './ticket-presenter';

export interface TicketResult {
  ticket: Ticket;
  refs: TicketRefs;
}

/** Reads and changes tickets under the caller's access rules and optimistic locking. */
@Injectable()
export class TicketsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TicketAccessService,
    private readonly patcher: TicketPatcher,
    private readonly history: HistoryService,
    private readonly events: TicketEventsPublisher,
    private readonly refsLoader: TicketRefsLoader,
    private readonly hooks: TicketHooks,
  ) {}

  async get(actor: TicketActor, ref: string): Promise<TicketResult> {
    this.access.requireScope(actor, 'tickets:read');
    const manager = this.dataSource.manager;
    const ticket = await this.access.findVisible(manager, actor, ref);

    return { ticket, refs: await this.refsLoader.loadOne(manager, ticket) };
  }

  view(actor: TicketActor, result: TicketResult): Record<string, unknown> {
    return toView(result.ticket, result.refs, this.access.seesInternal(actor));
  }

  /**
   * Applies a partial update when `ifMatch` matches the ticket's current ETag (412 otherwise).
   * The HTTP API always passes one; internal callers may pass undefined to skip the check. An update that changes nothing keeps the version and records no event.
   */
  async update(
    actor: TicketActor,
    ref: string,
    ifMatch: IfMatchCondition | undefined,
    patch: TicketPatch,
  ): Promise<TicketResult> {
    this.access.requireScope(actor, 'tickets:write');

    return this.dataSource.transaction((manager) =>
      this.updateIn(manager, actor, ref, ifMatch, patch),
    );
  }

  /** The body of `update` in the caller's transaction; bulk updates run many in one. */
  async updateIn(
    manager: EntityManager,
    actor: TicketActor,
    ref: string,
    ifMatch: IfMatchCondition | undefined,
    patch: TicketPatch,
  ): Promise<TicketResult> {
    const ticket = await this.access.findVisible(manager, actor, ref, true);
    this.checkVersion(ticket, ifMatch);

    const now = new Date();
    const changes = await this.patcher.apply(manager, actor, ticket, patch, now);
    if (changes.length > 0) await this.hooks.runOnUpdate({ manager, actor, ticket, now, changes });
    const refs = await this.commit(manager, actor, ticket, changes, now);

    return { ticket, refs };
  }

  /** Raises 412 when `ifMatch` is given and does not match the ticket's current ETag. */
  checkVersion(ticket: Ticket, ifMatch: IfMatchCondition | undefined): void {
    assertIfMatch(ifMatch, versionEtag(ticket.version), `ticket ${ticket.number}`);
  }

  /**
   * Saves a changed ticket with a new version, its history and its events. Without changes it
   * only loads the references.
   */
  async commit(
    manager: EntityManager,
    actor: TicketActor,
    ticket: Ticket,
    changes: FieldChange[],
    now: Date,
    extraHistory: FieldChange[] = [],
  ): Promise<TicketRefs> {
    if (changes.length === 0 && extraHistory.length === 0)
      return this.refsLoader.loadOne(manager, ticket);

    await this.touch(manager, ticket, now);
    await this.history.record(
      manager,
      ticket.id,
      ticketActorRef(actor),
      [...changes, ...extraHistory],
      now,
    );
    const refs = await this.refsLoader.loadOne(manager, ticket);
    await this.events.changed(
      manager,
      ticket,
      actor,
      changes,
      await this.events.snapshot(manager, ticket, refs),
    );

    return refs;
  }

  /** Saves the ticket row with the next version and `updatedAt`. */
  async touch(manager: EntityManager, ticket: Ticket, now: Date): Promise<void> {
    ticket.version += 1;
    ticket.updatedAt = now;
    await manager.save(Ticket, ticket);
  }

  snapshot(manager: EntityManager, ticket: Ticket, refs?: TicketRefs): Promise<TicketSnapshot> {
    return this.events.snapshot(manager, ticket, refs);
  }
}
