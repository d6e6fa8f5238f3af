import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { TicketEvents } from '@deskflow/contracts';
import { ConflictError, IfMatchCondition, ValidationFailedError } from '@deskflow/http';
import { TicketAccessService } from '../access/ticket-access.service';
import { TicketActor } from '../common/ticket-actor';
import { ChangeSet } from '../tickets/change-set';
import { TicketEventsPublisher } from '../tickets/ticket-events.publisher';
import { TicketMergedError } from '../tickets/ticket-states';
import { Ticket } from '../tickets/ticket.entity';
import { TicketResult, TicketsService } from '../tickets/tickets.service';

export interface MergeResult {
  source: TicketResult;
  target: TicketResult;
}

/**
 * Merges a ticket into another. The source becomes `merged` and points to the target. Its
 * articles and attachments move to the target, so they show there in time order and replies to
 * their Message-IDs reach the target. Its links move too, without duplicates.
 */
@Injectable()
export class MergeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TicketAccessService,
    private readonly tickets: TicketsService,
    private readonly events: TicketEventsPublisher,
  ) {}

  async merge(
    actor: TicketActor,
    sourceRef: string,
    ifMatch: IfMatchCondition,
    targetRef: string,
  ): Promise<MergeResult> {
    this.access.requireScope(actor, 'tickets:write');

    return this.dataSource.transaction(async (manager) => {
      const [source, target] = await this.lockPair(manager, actor, sourceRef, targetRef);
      this.tickets.checkVersion(source, ifMatch);
      if (source.stateType === 'merged')
        throw new TicketMergedError(source.number, source.mergedIntoId);
      if (target.stateType === 'merged') {
        throw new ConflictError(
          'target_merged',
          `ticket ${target.number} is itself merged into ${target.mergedIntoId}`,
          [
            {
              field: 'targetTicketId',
              reason: 'the target ticket is merged; merge into its target instead',
            },
          ],
        );
      }
      await this.access.assertCanWrite(manager, actor, source.queueId, 'ticketId');
      await this.access.assertCanWrite(manager, actor, target.queueId, 'targetTicketId');

      const now = new Date();
      await this.moveContent(manager, source, target);
      const targetRefs = await this.updateTarget(manager, actor, source, target, now);
      const sourceRefs = await this.closeSource(manager, actor, source, target, now);

      return {
        source: { ticket: source, refs: sourceRefs },
        target: { ticket: target, refs: targetRefs },
      };
    });
  }

  /** Loads both tickets the caller may see and locks them in id order, so two merges of one pair never deadlock. */
  private async lockPair(
    manager: EntityManager,
    actor: TicketActor,
    sourceRef: string,
    targetRef: string,
  ): Promise<[Ticket, Ticket]> {
    const source = await this.access.findVisible(manager, actor, sourceRef);
    const target = await this.access.findVisible(manager, actor, targetRef);
    if (source.id === target.id) {
      throw new ValidationFailedError([
        { field: 'targetTicketId', reason: 'a ticket cannot be merged into itself' },
      ]);
    }

    await manager.query(
      `SELECT "id" FROM "ticket"."ticket" WHERE "id" IN ($1, $2) ORDER BY "id" FOR UPDATE`,
      [source.id, target.id],
    );

    return [
      await manager.findOneByOrFail(Ticket, { id: source.id }),
      await manager.findOneByOrFail(Ticket, { id: target.id }),
    ];
  }

  private async moveContent(manager: EntityManager, source: Ticket, target: Ticket): Promise<void> {
    const ids = [source.id, target.id];
    await manager.query(
      `UPDATE "ticket"."article" SET "ticket_id" = $2 WHERE "ticket_id" = $1`,
      ids,
    );
    await manager.query(
      `UPDATE "ticket"."attachment" SET "ticket_id" = $2 WHERE "ticket_id" = $1`,
      ids,
    );
    // Re-point the source's links to the target; a link the target already has, or one
    // between the two, is dropped instead of duplicated.
    await manager.query(
      `INSERT INTO "ticket"."ticket_link" ("source_ticket_id", "target_ticket_id", "link_type", "created_by", "created_at")
       SELECT CASE WHEN m."link_type" = 'related' THEN least(m."a", m."b") ELSE m."a" END,
              CASE WHEN m."link_type" = 'related' THEN greatest(m."a", m."b") ELSE m."b" END,
              m."link_type", m."created_by", m."created_at"
       FROM (
         SELECT CASE WHEN l."source_ticket_id" = $1 THEN $2::uuid ELSE l."source_ticket_id" END AS "a",
                CASE WHEN l."target_ticket_id" = $1 THEN $2::uuid ELSE l."target_ticket_id" END AS "b",
                l."link_type", l."created_by", l."created_at"
         FROM "ticket"."ticket_link" l
         WHERE (l."source_ticket_id" = $1 OR l."target_ticket_id" = $1)
           AND l."source_ticket_id" <> $2 AND l."target_ticket_id" <> $2
       ) m
       ON CONFLICT DO NOTHING`,
      ids,
    );
    await manager.query(
      `DELETE FROM "ticket"."ticket_link" WHERE "source_ticket_id" = $1 OR "target_ticket_id" = $1`,
      [source.id],
    );
    // Tickets merged into the source earlier now point straight at the final target.
    await manager.query(
      `UPDATE "ticket"."ticket" SET "merged_into_id" = $2 WHERE "merged_into_id" = $1`,
      ids,
    );
  }

  private async updateTarget(
    manager: EntityManager,
    actor: TicketActor,
    source: Ticket,
    target: Ticket,
    now: Date,
  ) {
    const changes = new ChangeSet(target);
    changes.set('hasAttachments', target.hasAttachments || source.hasAttachments);
    changes.set('watcherIds', [...new Set([...target.watcherIds, ...source.watcherIds])]);

    return this.tickets.commit(manager, actor, target, changes.changes, now, [
      { field: 'mergedFrom', before: null, after: source.number },
    ]);
  }

  private async closeSource(
    manager: EntityManager,
    actor: TicketActor,
    source: Ticket,
    target: Ticket,
    now: Date,
  ) {
    const changes = new ChangeSet(source);
    changes.set('state', 'merged');
    source.stateType = 'merged';
    changes.set('pendingUntil', null);
    changes.set('mergedIntoId', target.id);
    const refs = await this.tickets.commit(manager, actor, source, changes.changes, now);
    await this.events.publish(manager, TicketEvents.merged, actor, {
      ticket: await this.events.snapshot(manager, source, refs),
      targetTicketId: target.id,
      targetNumber: target.number,
      mergedAt: now.toISOString(),
    });

    return refs;
  }
}
