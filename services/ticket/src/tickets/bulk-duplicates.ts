import { isUUID } from 'class-validator';
import { EntityManager } from 'typeorm';
import { FieldProblem, ValidationFailedError } from '@deskflow/http';
import { TicketAccessService } from '../access/ticket-access.service';
import { SqlParams } from '../common/sql-params';
import { TicketActor } from '../common/ticket-actor';
import { BulkTicketRefDto } from './dto/bulk-update.dto';

/**
 * Maps each ticket number among the refs to the id of the ticket the actor may see, so that a
 * UUID and a number of one ticket count as the same ticket. Numbers of tickets the actor may
 * not see stay unresolved, so the check does not reveal them.
 */
async function resolveNumbers(
  manager: EntityManager,
  access: TicketAccessService,
  actor: TicketActor,
  refs: BulkTicketRefDto[],
): Promise<Map<string, string>> {
  const numbers = refs.map((ref) => ref.id).filter((id) => !isUUID(id));
  if (numbers.length === 0) return new Map();

  const params = new SqlParams();
  const rows: { id: string; number: string }[] = await manager.query(
    `SELECT t."id", t."number" FROM "ticket"."ticket" t
      WHERE t."number" = ANY(${params.add(numbers)}::text[]) AND ${access.visibleClause(actor, params)}`,
    params.values,
  );

  return new Map(rows.map((row) => [row.number, row.id]));
}

/**
 * Raises 400 naming `tickets.<index>.id` for every ref that names a ticket listed before it,
 * by the same UUID (in any letter case), the same number, or the number of a listed UUID.
 */
export async function rejectDuplicateTickets(
  manager: EntityManager,
  access: TicketAccessService,
  actor: TicketActor,
  refs: BulkTicketRefDto[],
): Promise<void> {
  const numbers = await resolveNumbers(manager, access, actor, refs);
  const firstIndex = new Map<string, number>();
  const problems: FieldProblem[] = [];
  for (const [index, ref] of refs.entries()) {
    const key = isUUID(ref.id) ? ref.id.toLowerCase() : (numbers.get(ref.id) ?? `#${ref.id}`);
    const first = firstIndex.get(key);
    if (first === undefined) {
      firstIndex.set(key, index);
      continue;
    }

    problems.push({
      field: `tickets.${index}.id`,
      reason: `names the same ticket as tickets.${first}.id; list each ticket once`,
    });
  }
  if (problems.length > 0) throw new ValidationFailedError(problems);
}
