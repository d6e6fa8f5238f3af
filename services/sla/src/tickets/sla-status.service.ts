import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  decodeCursor,
  encodeCursor,
  cursorTimestampValue,
  NotFoundError,
  nullableValue,
  uuidValue,
} from '@deskflow/http';
import { ClockEngine } from '../clocks/clock-engine.service';
import { ClockEventEntity } from '../clocks/clock-event.entity';
import { isActiveClock } from '../clocks/clock.entity';
import { isOverdue, shownStatus } from '../clocks/clock-view';
import { SCHEMA } from '../database/schema';
import { TimeSource } from '../time/time-source';
import {
  ListSlaTicketsQuery,
  SlaClockStatusView,
  SlaTicketListItem,
  SlaTicketStatusView,
} from './sla-status.dto';
import { TicketProjectionEntity } from './ticket-projection.entity';

interface ListRow {
  ticket_id: string;
  number: string;
  policy_id: string | null;
  next_due_at: Date | null;
  /** `next_due_at` as PostgreSQL's text, with the microseconds that a Date would cut. */
  next_due_text: string | null;
  escalated: boolean;
  breached: boolean;
}

/**
 * Keyset position in the list ordered by nearest due time, then ticket id. `dueAt` is PostgreSQL's
 * text form with microseconds, or the ISO form with milliseconds of cursors issued before.
 */
const LIST_CURSOR = { dueAt: nullableValue(cursorTimestampValue), ticketId: uuidValue };

@Injectable()
export class SlaStatusService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly engine: ClockEngine,
    private readonly time: TimeSource,
  ) {}

  async status(ticketId: string): Promise<SlaTicketStatusView> {
    const manager = this.dataSource.manager;
    const ticket = await manager.findOneBy(TicketProjectionEntity, { ticketId });
    if (!ticket) throw new NotFoundError(`SLA status of ticket ${ticketId}`);

    const context = await this.engine.context(manager, ticket);
    const now = this.time.now();
    const clocks = context.clocks.map((clock): SlaClockStatusView => {
      const active = isActiveClock(clock);
      const remaining = active
        ? clock.targetSeconds - Math.floor(this.engine.elapsedAt(context, clock, now) / 1000)
        : null;

      return {
        id: clock.id,
        kind: clock.kind,
        cycle: clock.cycle,
        status: shownStatus(clock, now),
        startedAt: clock.startedAt.toISOString(),
        dueAt: clock.dueAt?.toISOString() ?? null,
        warnAt: clock.warnAt?.toISOString() ?? null,
        metAt: clock.metAt?.toISOString() ?? null,
        targetSeconds: clock.targetSeconds,
        remainingBusinessSeconds: remaining,
        businessSeconds: clock.businessSeconds,
        breached: clock.breached || isOverdue(clock, now),
      };
    });

    return {
      ticketId,
      ticketNumber: ticket.number,
      policyId: context.policy?.id ?? null,
      policyName: context.policy?.name ?? null,
      escalated: context.clocks.some((clock) => isOverdue(clock, now)),
      breached: clocks.some((clock) => clock.breached),
      clocks,
    };
  }

  async history(ticketId: string): Promise<ClockEventEntity[]> {
    const known = await this.dataSource.manager.existsBy(TicketProjectionEntity, { ticketId });
    if (!known) throw new NotFoundError(`SLA history of ticket ${ticketId}`);

    return this.dataSource.manager.find(ClockEventEntity, {
      where: { ticketId },
      order: { id: 'ASC' },
    });
  }

  async list(
    query: ListSlaTicketsQuery,
  ): Promise<{ items: SlaTicketListItem[]; nextCursor: string | null }> {
    const limit = query.limit ?? 50;
    const cursor = query.cursor ? decodeCursor(query.cursor, LIST_CURSOR) : null;
    const rows: ListRow[] = await this.dataSource.query(
      `SELECT *, "next_due_at"::text AS "next_due_text" FROM (
         SELECT t."ticket_id", t."number", t."policy_id",
                min(c."due_at") FILTER (WHERE c."status" = 'running') AS "next_due_at",
                coalesce(bool_or(c."status" = 'running' AND c."due_at" <= $1), false) AS "escalated",
                coalesce(bool_or(c."breached" OR (c."status" = 'running' AND c."due_at" <= $1)), false) AS "breached"
           FROM "${SCHEMA}"."ticket" t
           LEFT JOIN "${SCHEMA}"."clock" c ON c."ticket_id" = t."ticket_id"
          GROUP BY t."ticket_id") listed
        WHERE ($2::boolean IS NULL OR "escalated" = $2)
          AND ($3::boolean IS NULL OR "breached" = $3)
          AND ($4::timestamptz IS NULL AND $5::uuid IS NULL
               OR (coalesce("next_due_at", 'infinity'), "ticket_id") > (coalesce($4::timestamptz, 'infinity'), $5::uuid))
        ORDER BY coalesce("next_due_at", 'infinity'), "ticket_id"
        LIMIT $6`,
      [
        this.time.now().toISOString(),
        query.escalated === undefined ? null : query.escalated === 'true',
        query.breached === undefined ? null : query.breached === 'true',
        cursor?.dueAt ?? null,
        cursor?.ticketId ?? null,
        limit + 1,
      ],
    );
    const page = rows.slice(0, limit).map((row) => ({
      ticketId: row.ticket_id,
      ticketNumber: row.number,
      policyId: row.policy_id,
      nextDueAt: row.next_due_at ? new Date(row.next_due_at).toISOString() : null,
      escalated: row.escalated,
      breached: row.breached,
    }));
    const last = rows[limit - 1];
    const nextCursor =
      rows.length > limit
        ? encodeCursor({ dueAt: last.next_due_text, ticketId: last.ticket_id })
        : null;

    return { items: page, nextCursor };
  }
}
