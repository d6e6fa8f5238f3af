import { EntityManager } from 'typeorm';
import { TicketActor } from '../common/ticket-actor';
import { SqlParams } from '../common/sql-params';
import { TicketAccessService } from '../access/ticket-access.service';
import { TicketFact } from './ticket-report';

const RESOLVED_STATES = `('resolved', 'closed')`;

interface FactRow {
  id: string;
  created_at: Date;
  first_response_at: Date | null;
  resolved_at: Date | null;
  queue: string;
  priority: string;
  channel: string;
  agent: string | null;
  reopened: boolean;
  sla: { kind: string; status: string; breached: boolean }[] | null;
  ratings: number[] | null;
}

/**
 * Loads the facts of the tickets created in [from, to) that the actor may see, one query with
 * the reopen flag from the history, SLA outcomes from the projection and ratings.
 */
export async function loadTicketFacts(
  manager: EntityManager,
  access: TicketAccessService,
  actor: TicketActor,
  from: Date,
  to: Date,
): Promise<TicketFact[]> {
  const params = new SqlParams();
  const rows: FactRow[] = await manager.query(
    `SELECT t."id", t."created_at", t."first_response_at", coalesce(t."last_resolved_at", t."resolved_at") AS "resolved_at", t."priority", t."channel",
            q."name" AS "queue", a."name" AS "agent",
            EXISTS (SELECT 1 FROM "ticket"."ticket_history" h
                    WHERE h."ticket_id" = t."id" AND h."field" = 'state'
                      AND h."old_value" #>> '{}' IN ${RESOLVED_STATES}
                      AND h."new_value" #>> '{}' NOT IN ${RESOLVED_STATES}) AS "reopened",
            (SELECT json_agg(json_build_object('kind', c."kind", 'status', c."status", 'breached', c."breached"))
             FROM "ticket"."sla_clock_projection" c WHERE c."ticket_id" = t."id") AS "sla",
            (SELECT array_agg(r."rating" ORDER BY r."resolution") FROM "ticket"."satisfaction_rating" r
             WHERE r."ticket_id" = t."id") AS "ratings"
     FROM "ticket"."ticket" t
     JOIN "ticket"."queue" q ON q."id" = t."queue_id"
     LEFT JOIN "ticket"."agent" a ON a."id" = t."owner_id"
     WHERE t."created_at" >= ${params.add(from)} AND t."created_at" < ${params.add(to)}
       AND t."state_type" <> 'merged' AND ${access.visibleClause(actor, params)}
     ORDER BY t."created_at", t."id"`,
    params.values,
  );

  return rows.map((row) => ({
    id: row.id,
    createdAt: row.created_at,
    firstResponseAt: row.first_response_at,
    resolvedAt: row.resolved_at,
    queue: row.queue,
    priority: row.priority,
    channel: row.channel,
    agent: row.agent,
    resolved: row.resolved_at !== null,
    reopened: row.reopened,
    slaOutcomes: (row.sla ?? [])
      .filter((clock) => clock.status === 'met' || clock.breached)
      .map((clock) => ({
        kind: clock.kind,
        breached: clock.breached,
        met: clock.status === 'met',
      })),
    ratings: row.ratings ?? [],
  }));
}

/**
 * Counts, for each local day of the period, the tickets open at the end of that day: created
 * by then and, by their last state change up to then, neither resolved, closed nor merged.
 */
export async function loadBacklog(
  manager: EntityManager,
  access: TicketAccessService,
  actor: TicketActor,
  from: Date,
  to: Date,
  timeZone: string,
): Promise<{ date: string; open: number }[]> {
  const params = new SqlParams();
  const zone = params.add(timeZone);
  const rows: { date: string; open: string }[] = await manager.query(
    `WITH days AS (
       SELECT d::date AS "date", ((d + interval '1 day')::timestamp AT TIME ZONE ${zone}) AS "day_end"
       FROM generate_series((${params.add(from)}::timestamptz AT TIME ZONE ${zone})::date,
                            ((${params.add(to)}::timestamptz - interval '1 millisecond') AT TIME ZONE ${zone})::date,
                            interval '1 day') d
     )
     SELECT to_char(days."date", 'YYYY-MM-DD') AS "date", count(t."id") AS "open"
     FROM days
     LEFT JOIN "ticket"."ticket" t ON t."created_at" < days."day_end" AND ${access.visibleClause(actor, params)}
       AND COALESCE((
         SELECT CASE WHEN h."field" = 'created' THEN h."new_value" ->> 'state' ELSE h."new_value" #>> '{}' END
         FROM "ticket"."ticket_history" h
         WHERE h."ticket_id" = t."id" AND h."field" IN ('state', 'created') AND h."created_at" < days."day_end"
         ORDER BY h."created_at" DESC, h."id" DESC LIMIT 1), t."state") NOT IN ('resolved', 'closed', 'merged')
     GROUP BY days."date"
     ORDER BY days."date"`,
    params.values,
  );

  return rows.map((row) => ({ date: row.date, open: Number(row.open) }));
}
