import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { EntityManager } from 'typeorm';
import { NotFoundError } from '@deskflow/http';
import { SqlParams } from '../common/sql-params';
import { isSystemActor, TicketActor } from '../common/ticket-actor';
import { Ticket } from '../tickets/ticket.entity';
import { AccessDeniedError } from './access.errors';

export type TicketScope = 'tickets:read' | 'tickets:write';

/**
 * Decides which tickets a caller may see and change. Agents see the tickets of their queues.
 * Customers see their own, and their organisation's where the organisation shares them. Admins,
 * integrations with a tickets scope and the service itself see all. A ticket the caller may not
 * see is reported as not found, so its existence does not leak.
 */
@Injectable()
export class TicketAccessService {
  /** Returns an SQL condition on the ticket alias that holds for the tickets the actor may see. */
  visibleClause(actor: TicketActor, params: SqlParams, alias = 't'): string {
    if (isSystemActor(actor)) return 'TRUE';

    switch (actor.role) {
      case 'admin':
        return `EXISTS (SELECT 1 FROM "ticket"."agent" a WHERE a."id" = ${params.add(actor.id)} AND a."active" AND a."role" = 'admin')`;
      case 'agent':
        return `${alias}."queue_id" IN (
          SELECT m."queue_id" FROM "ticket"."queue_member" m
          JOIN "ticket"."agent" a ON a."id" = m."agent_id" AND a."active"
          WHERE m."agent_id" = ${params.add(actor.id)})`;
      case 'customer': {
        const id = params.add(actor.id);

        return `(EXISTS (SELECT 1 FROM "ticket"."customer" c WHERE c."id" = ${id} AND c."active") AND (
          ${alias}."customer_id" = ${id} OR ${alias}."organisation_id" IN (
            SELECT c."organisation_id" FROM "ticket"."customer" c
            JOIN "ticket"."organisation" o ON o."id" = c."organisation_id" AND o."share_tickets"
            WHERE c."id" = ${id})))`;
      }
      case 'integration':
        return this.hasScope(actor, 'tickets:read') ? 'TRUE' : 'FALSE';
    }
  }

  /** Raises 403 when an integration lacks the scope; other actors pass. */
  requireScope(actor: TicketActor, scope: TicketScope): void {
    if (actor.role === 'integration' && !this.hasScope(actor, scope)) {
      throw new AccessDeniedError(`this API key lacks the scope ${scope}`);
    }
  }

  /** Returns true when the actor may read internal articles and staff-only fields. */
  seesInternal(actor: TicketActor): boolean {
    return actor.role !== 'customer';
  }

  /**
   * Loads a ticket the actor may see, by UUID or number, optionally locking its row for the
   * rest of the transaction. Raises 404 otherwise.
   */
  async findVisible(
    manager: EntityManager,
    actor: TicketActor,
    ref: string,
    lock = false,
  ): Promise<Ticket> {
    const params = new SqlParams();
    const key = isUUID(ref) ? `t."id" = ${params.add(ref)}` : `t."number" = ${params.add(ref)}`;
    const rows: { id: string }[] = await manager.query(
      `SELECT t."id" FROM "ticket"."ticket" t
       WHERE ${key} AND ${this.visibleClause(actor, params)}${lock ? ' FOR UPDATE OF t' : ''}`,
      params.values,
    );
    if (rows.length === 0) throw new NotFoundError(`ticket ${ref}`);

    return manager.findOneByOrFail(Ticket, { id: rows[0].id });
  }

  /** Raises 403 unless the actor may change tickets of the queue. */
  async assertCanWrite(
    manager: EntityManager,
    actor: TicketActor,
    queueId: string,
    field = 'queueId',
  ): Promise<void> {
    if (actor.role === 'integration') return this.requireScope(actor, 'tickets:write');
    if (actor.role !== 'agent') return;

    const params = new SqlParams();
    const rows: { allowed: boolean }[] = await manager.query(
      `SELECT ${this.queueWriteClause(actor, params, params.add(queueId))} AS "allowed"`,
      params.values,
    );
    if (!rows[0].allowed) throw this.writeDenied(queueId, field);
  }

  /**
   * An SQL condition that holds when the actor may change tickets of the queue `queueId` (an
   * SQL expression); `TRUE` for roles that queue permissions do not limit. Integrations need
   * the `tickets:write` scope besides, which `requireScope` checks.
   */
  queueWriteClause(actor: TicketActor, params: SqlParams, queueId: string): string {
    if (actor.role !== 'agent') return 'TRUE';

    return `EXISTS (SELECT 1 FROM "ticket"."queue_member" m
       JOIN "ticket"."agent" a ON a."id" = m."agent_id" AND a."active"
       WHERE m."agent_id" = ${params.add(actor.id)} AND m."queue_id" = ${queueId} AND m."permission" = 'write')`;
  }

  writeDenied(queueId: string, field = 'queueId'): AccessDeniedError {
    return new AccessDeniedError(`you have no write permission on queue ${queueId}`, [
      { field, reason: 'no write permission on this queue' },
    ]);
  }

  private hasScope(actor: { scopes?: string[] }, scope: TicketScope): boolean {
    const scopes = actor.scopes ?? [];

    return scopes.includes(scope) || (scope === 'tickets:read' && scopes.includes('tickets:write'));
  }
}
