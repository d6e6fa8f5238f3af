import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { TICKET_PRIORITIES } from '@deskflow/contracts';
import {
  CursorValue,
  decodeCursor,
  eitherValue,
  encodeCursor,
  oneOfValues,
  postgresTimestampValue,
  uuidValue,
} from '@deskflow/http';
import { TicketAccessService } from '../access/ticket-access.service';
import { SqlParams } from '../common/sql-params';
import { TicketActor } from '../common/ticket-actor';
import { ListTicketsQuery, SortKey } from './dto/list-tickets.query';
import { Ticket } from './ticket.entity';
import { TicketRefsLoader } from './ticket-refs.loader';
import { toView } from './ticket-presenter';

export interface TicketPage {
  items: Record<string, unknown>[];
  /** Opaque; pass it as `cursor` with the same filters and sort for the next page. Null on the last page. */
  nextCursor: string | null;
}

export interface QueueStateCount {
  queueId: string;
  queueName: string;
  state: string;
  stateType: string;
  count: number;
}

/** The SQL expression of each sort key, the type its cursor value is cast back to, and its check. */
const SORT_EXPRESSIONS: Record<SortKey, { sql: string; type: string; value: CursorValue<string> }> =
  {
    priority: { sql: 't."priority"', type: 'text', value: oneOfValues(TICKET_PRIORITIES) },
    created: { sql: 't."created_at"', type: 'timestamptz', value: postgresTimestampValue },
    updated: { sql: 't."updated_at"', type: 'timestamptz', value: postgresTimestampValue },
    slaDue: {
      sql: `coalesce(s."next_due_at", 'infinity'::timestamptz)`,
      type: 'timestamptz',
      value: eitherValue(postgresTimestampValue, oneOfValues(['infinity'])),
    },
  };

const TS_QUERY = (param: string) =>
  `(websearch_to_tsquery('german'::regconfig, ${param}) || websearch_to_tsquery('english'::regconfig, ${param}))`;

/**
 * Decodes a cursor of this list, `{ sort, value, id }`, where the value is the sort expression
 * as PostgreSQL writes it as text, so that timestamps keep their microseconds.
 */
function decodeListCursor(text: string, sort: string, value: CursorValue<string>) {
  return decodeCursor(text, { sort: oneOfValues([sort]), value, id: uuidValue });
}

/**
 * Lists tickets the caller may see with filters, full-text search and keyset pagination. The
 * ticket id breaks ties in every sort, so pages never repeat or skip a ticket, also when rows
 * are added between pages.
 */
@Injectable()
export class TicketListService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TicketAccessService,
    private readonly refsLoader: TicketRefsLoader,
  ) {}

  async list(actor: TicketActor, query: ListTicketsQuery): Promise<TicketPage> {
    this.access.requireScope(actor, 'tickets:read');
    const sort = query.sort ?? '-created';
    const descending = sort.startsWith('-');
    const expression = SORT_EXPRESSIONS[sort.replace(/^-/, '') as SortKey];
    const limit = query.limit ?? 25;
    const params = new SqlParams();
    const conditions = [
      this.access.visibleClause(actor, params),
      ...this.filters(actor, query, params),
    ];
    if (query.cursor) {
      const cursor = decodeListCursor(query.cursor, sort, expression.value);
      conditions.push(
        `(${expression.sql}, t."id") ${descending ? '<' : '>'} (${params.add(cursor.value)}::${expression.type}, ${params.add(cursor.id)}::uuid)`,
      );
    }
    const direction = descending ? 'DESC' : 'ASC';
    const rows: { id: string; sort_value: string }[] = await this.dataSource.query(
      `SELECT t."id", (${expression.sql})::text AS "sort_value"
       FROM "ticket"."ticket" t LEFT JOIN "ticket"."ticket_sla_summary" s ON s."ticket_id" = t."id"
       WHERE ${conditions.join(' AND ')}
       ORDER BY ${expression.sql} ${direction}, t."id" ${direction}
       LIMIT ${limit + 1}`,
      params.values,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];

    return {
      items: await this.views(
        actor,
        page.map((row) => row.id),
      ),
      nextCursor:
        rows.length > limit ? encodeCursor({ sort, value: last.sort_value, id: last.id }) : null,
    };
  }

  /** Ticket counts per queue and state over the tickets the caller may see. */
  async counts(actor: TicketActor): Promise<QueueStateCount[]> {
    this.access.requireScope(actor, 'tickets:read');
    const params = new SqlParams();
    const rows: {
      queue_id: string;
      queue_name: string;
      state: string;
      state_type: string;
      count: string;
    }[] = await this.dataSource.query(
      `SELECT t."queue_id", q."name" AS "queue_name", t."state", t."state_type", count(*) AS "count"
         FROM "ticket"."ticket" t JOIN "ticket"."queue" q ON q."id" = t."queue_id"
         WHERE ${this.access.visibleClause(actor, params)}
         GROUP BY t."queue_id", q."name", t."state", t."state_type"
         ORDER BY q."name", t."state"`,
      params.values,
    );

    return rows.map((row) => ({
      queueId: row.queue_id,
      queueName: row.queue_name,
      state: row.state,
      stateType: row.state_type,
      count: Number(row.count),
    }));
  }

  private filters(actor: TicketActor, query: ListTicketsQuery, params: SqlParams): string[] {
    const conditions: string[] = [];
    if (query.state) conditions.push(`t."state" = ANY(${params.add(query.state)})`);
    if (query.stateType) conditions.push(`t."state_type" = ANY(${params.add(query.stateType)})`);
    // Merged tickets stay out of lists unless a state filter names them.
    if (!query.state && !query.stateType) conditions.push(`t."state_type" <> 'merged'`);
    if (query.queueId) conditions.push(`t."queue_id" = ${params.add(query.queueId)}`);
    if (query.priority) conditions.push(`t."priority" = ANY(${params.add(query.priority)})`);
    if (query.ownerId === 'none') conditions.push(`t."owner_id" IS NULL`);
    else if (query.ownerId) conditions.push(`t."owner_id" = ${params.add(query.ownerId)}::uuid`);
    if (query.customerId) conditions.push(`t."customer_id" = ${params.add(query.customerId)}`);
    if (query.organisationId)
      conditions.push(`t."organisation_id" = ${params.add(query.organisationId)}`);
    if (query.tag) conditions.push(`${params.add(query.tag)} = ANY(t."tags")`);
    if (query.createdFrom) conditions.push(`t."created_at" >= ${params.add(query.createdFrom)}`);
    if (query.createdTo) conditions.push(`t."created_at" < ${params.add(query.createdTo)}`);
    if (query.updatedFrom) conditions.push(`t."updated_at" >= ${params.add(query.updatedFrom)}`);
    if (query.updatedTo) conditions.push(`t."updated_at" < ${params.add(query.updatedTo)}`);
    if (query.escalated !== undefined) {
      conditions.push(`coalesce(s."escalated", false) = ${params.add(query.escalated === 'true')}`);
    }
    if (query.q) conditions.push(this.search(actor, query.q, params));

    return conditions;
  }

  /**
   * Matches the number exactly, or a query against the title and the articles the caller may
   * read taken together, so the words of one query may be spread over them. The indexed
   * prefilter keeps the tickets where the title or one article contains any word of the query
   * (the query with AND turned into OR), and only those get the joined vector built.
   */
  private search(actor: TicketActor, text: string, params: SqlParams): string {
    const q = params.add(text);
    const visible = this.access.seesInternal(actor) ? '' : ` AND a."visibility" = 'public'`;
    const anyWord = `replace(${TS_QUERY(q)}::text, ' & ', ' | ')::tsquery`;

    return `(t."number" = ${q} OR ((t."search_vector" @@ ${anyWord} OR EXISTS (
        SELECT 1 FROM "ticket"."article" a
        WHERE a."ticket_id" = t."id" AND a."search_vector" @@ ${anyWord}${visible}))
      AND (t."search_vector" || coalesce((
        SELECT "ticket"."tsvector_agg"(a."search_vector" ORDER BY a."created_at", a."id")
        FROM "ticket"."article" a WHERE a."ticket_id" = t."id"${visible}), ''::tsvector)) @@ ${TS_QUERY(q)}))`;
  }

  private async views(actor: TicketActor, ids: string[]): Promise<Record<string, unknown>[]> {
    const manager = this.dataSource.manager;
    const tickets = await manager.findBy(Ticket, { id: In(ids) });
    const byId = new Map(tickets.map((ticket) => [ticket.id, ticket]));
    const ordered = ids.map((id) => byId.get(id)!);
    const refs = await this.refsLoader.load(manager, ordered);
    const summaries: { ticket_id: string; next_due_at: Date | null; escalated: boolean }[] =
      await manager.query(
        `SELECT "ticket_id", "next_due_at", "escalated" FROM "ticket"."ticket_sla_summary" WHERE "ticket_id" = ANY($1)`,
        [ids],
      );
    const summaryById = new Map(summaries.map((summary) => [summary.ticket_id, summary]));
    const staff = this.access.seesInternal(actor);

    return ordered.map((ticket) => {
      const summary = summaryById.get(ticket.id);

      return {
        ...toView(ticket, refs.get(ticket.id)!, staff),
        slaDueAt: summary?.next_due_at?.toISOString() ?? null,
        escalated: summary?.escalated ?? false,
      };
    });
  }
}
