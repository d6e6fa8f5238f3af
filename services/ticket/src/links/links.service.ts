import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { LinkType, TicketEvents } from '@deskflow/contracts';
import { IfMatchCondition, NotFoundError, ValidationFailedError } from '@deskflow/http';
import { TicketAccessService } from '../access/ticket-access.service';
import { SqlParams } from '../common/sql-params';
import { TicketActor, ticketActorRef } from '../common/ticket-actor';
import { HistoryService } from '../history/history.service';
import { TicketEventsPublisher } from '../tickets/ticket-events.publisher';
import { TicketsService } from '../tickets/tickets.service';
import { TicketMergedError } from '../tickets/ticket-states';
import { Ticket } from '../tickets/ticket.entity';
import { TicketLink } from './ticket-link.entity';

export interface LinkView {
  id: string;
  linkType: LinkType;
  /** The other ticket's relation to this one. */
  role: 'related' | 'parent' | 'child' | 'duplicate_of' | 'duplicated_by';
  ticket: { id: string; number: string; title: string; state: string };
  createdAt: string;
}

export interface LinkResult {
  link: TicketLink;
  created: boolean;
}

function roleOf(link: TicketLink, ticketId: string): LinkView['role'] {
  if (link.linkType === 'related') return 'related';
  const outgoing = link.sourceTicketId === ticketId;
  if (link.linkType === 'parent_child') return outgoing ? 'child' : 'parent';

  return outgoing ? 'duplicate_of' : 'duplicated_by';
}

/** Orders the ends of a link as stored: related links smaller id first, others as given. */
export function linkEnds(type: LinkType, from: string, to: string): [string, string] {
  return type === 'related' && to < from ? [to, from] : [from, to];
}

/** Creates, lists and removes ticket links. Creating an existing link changes nothing. */
@Injectable()
export class LinksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TicketAccessService,
    private readonly history: HistoryService,
    private readonly events: TicketEventsPublisher,
    private readonly tickets: TicketsService,
  ) {}

  async link(
    actor: TicketActor,
    ticketRef: string,
    otherRef: string,
    linkType: LinkType,
    ifMatch?: IfMatchCondition,
  ): Promise<LinkResult> {
    this.access.requireScope(actor, 'tickets:write');

    return this.dataSource.transaction(async (manager) => {
      const ticket = await this.access.findVisible(manager, actor, ticketRef, true);
      this.tickets.checkVersion(ticket, ifMatch);
      const other = await this.access.findVisible(manager, actor, otherRef);
      if (other.id === ticket.id) {
        throw new ValidationFailedError([
          { field: 'targetTicketId', reason: 'a ticket cannot be linked to itself' },
        ]);
      }
      for (const end of [ticket, other]) {
        if (end.stateType === 'merged') throw new TicketMergedError(end.number, end.mergedIntoId);
      }
      await this.access.assertCanWrite(manager, actor, ticket.queueId, 'ticketId');

      return this.insert(manager, actor, ticket, other, linkType);
    });
  }

  /** Inserts a link unless it exists; records history and `ticket.linked` only for a new one. */
  async insert(
    manager: EntityManager,
    actor: TicketActor,
    ticket: Ticket,
    other: Ticket,
    linkType: LinkType,
  ): Promise<LinkResult> {
    const [source, target] = linkEnds(linkType, ticket.id, other.id);
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO "ticket"."ticket_link" ("source_ticket_id", "target_ticket_id", "link_type", "created_by")
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING "id"`,
      [source, target, linkType, ticketActorRef(actor)],
    );
    const link = await manager.findOneByOrFail(TicketLink, {
      sourceTicketId: source,
      targetTicketId: target,
      linkType,
    });
    if (inserted.length === 0) return { link, created: false };

    for (const [end, far] of [
      [ticket, other],
      [other, ticket],
    ]) {
      await this.history.record(
        manager,
        end.id,
        ticketActorRef(actor),
        [
          {
            field: 'link',
            before: null,
            after: { linkType, role: roleOf(link, end.id), ticketNumber: far.number },
          },
        ],
        link.createdAt,
      );
    }
    await this.events.publish(manager, TicketEvents.linked, actor, {
      ticket: await this.events.snapshot(manager, ticket),
      otherTicketId: other.id,
      linkType,
    });

    return { link, created: true };
  }

  /** Links of a ticket, leaving out those whose other end the caller may not see. */
  async list(actor: TicketActor, ticketRef: string): Promise<LinkView[]> {
    this.access.requireScope(actor, 'tickets:read');
    const manager = this.dataSource.manager;
    const ticket = await this.access.findVisible(manager, actor, ticketRef);
    const params = new SqlParams();
    const id = params.add(ticket.id);
    const rows: { id: string }[] = await manager.query(
      `SELECT l."id" FROM "ticket"."ticket_link" l
       JOIN "ticket"."ticket" t ON t."id" = CASE WHEN l."source_ticket_id" = ${id} THEN l."target_ticket_id" ELSE l."source_ticket_id" END
       WHERE (l."source_ticket_id" = ${id} OR l."target_ticket_id" = ${id}) AND ${this.access.visibleClause(actor, params)}
       ORDER BY l."created_at", l."id"`,
      params.values,
    );
    const views: LinkView[] = [];
    for (const { id: linkId } of rows) {
      const link = await manager.findOneByOrFail(TicketLink, { id: linkId });
      const otherId = link.sourceTicketId === ticket.id ? link.targetTicketId : link.sourceTicketId;
      const other = await manager.findOneByOrFail(Ticket, { id: otherId });
      views.push({
        id: link.id,
        linkType: link.linkType,
        role: roleOf(link, ticket.id),
        ticket: { id: other.id, number: other.number, title: other.title, state: other.state },
        createdAt: link.createdAt.toISOString(),
      });
    }

    return views;
  }

  async unlink(
    actor: TicketActor,
    ticketRef: string,
    linkId: string,
    ifMatch?: IfMatchCondition,
  ): Promise<void> {
    this.access.requireScope(actor, 'tickets:write');
    await this.dataSource.transaction(async (manager) => {
      const ticket = await this.access.findVisible(manager, actor, ticketRef, true);
      this.tickets.checkVersion(ticket, ifMatch);
      await this.access.assertCanWrite(manager, actor, ticket.queueId, 'ticketId');
      const link = await manager.findOneBy(TicketLink, { id: linkId });
      if (!link || (link.sourceTicketId !== ticket.id && link.targetTicketId !== ticket.id)) {
        throw new NotFoundError(`link ${linkId}`);
      }

      await manager.delete(TicketLink, { id: linkId });
      await this.history.record(
        manager,
        ticket.id,
        ticketActorRef(actor),
        [{ field: 'link', before: { linkType: link.linkType, linkId }, after: null }],
        new Date(),
      );
    });
  }
}
