import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FieldChange } from '@deskflow/contracts';
import { SqlParams } from '../common/sql-params';
import { TicketHistory } from './ticket-history.entity';

/** Writes and reads the change history of tickets. */
@Injectable()
export class HistoryService {
  /**
   * Records changes in the caller's transaction, so the history exists exactly when they do.
   * `at` is the time of the change as stored on the ticket (`updatedAt`), so that both show the
   * same instant rather than the database's clock at insert time.
   */
  async record(
    manager: EntityManager,
    ticketId: string,
    actor: string,
    changes: FieldChange[],
    at: Date,
  ): Promise<void> {
    if (changes.length === 0) return;

    const params = new SqlParams();
    await manager.query(this.insertSql(params, ticketId, actor, changes, at), params.values);
  }

  /** The INSERT of `record`, for a caller that writes the history with other rows in one statement. */
  insertSql(
    params: SqlParams,
    ticketId: string,
    actor: string,
    changes: FieldChange[],
    at: Date,
  ): string {
    const ticket = params.add(ticketId);
    const by = params.add(actor);
    const time = params.add(at);
    const rows = changes.map(
      (change) =>
        `(${ticket}, ${by}, ${params.add(change.field)}, ${params.add(JSON.stringify(change.before ?? null))}::jsonb, ${params.add(JSON.stringify(change.after ?? null))}::jsonb, ${time}::timestamptz)`,
    );

    return `INSERT INTO "ticket"."ticket_history" ("ticket_id", "actor", "field", "old_value", "new_value", "created_at")
       VALUES ${rows.join(', ')}`;
  }

  list(manager: EntityManager, ticketId: string): Promise<TicketHistory[]> {
    return manager.find(TicketHistory, { where: { ticketId }, order: { id: 'ASC' } });
  }
}
