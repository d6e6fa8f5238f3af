import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SqlParams } from '../common/sql-params';

/** The day (`YYYYMMDD`) and the counter value that make up a ticket number. */
export interface CounterRow {
  day: string;
  value: number;
}

/**
 * Hands out ticket numbers: `YYYYMMDD` of the day in TICKET_NUMBER_TIME_ZONE (default
 * Europe/Berlin), the system prefix TICKET_NUMBER_PREFIX (default `10`) and the day's counter,
 * zero-padded to six digits (it grows beyond that rather than wrap).
 *
 * Creations take a number only once their checks have passed, so most rejected requests leave no
 * gap (see `CreationStartLoader` for the exceptions). Without an EntityManager the counter row is
 * incremented in its own short transaction, so concurrent creations wait on it only for one
 * statement, and a creation that fails afterwards leaves a gap. With one, the increment joins the
 * caller's transaction. A rollback then returns the number, but other creations wait for the row
 * until that transaction ends.
 */
@Injectable()
export class TicketNumberService {
  private readonly timeZone = process.env.TICKET_NUMBER_TIME_ZONE ?? 'Europe/Berlin';
  private readonly prefix = process.env.TICKET_NUMBER_PREFIX ?? '10';

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async next(manager: EntityManager = this.dataSource.manager): Promise<string> {
    const params = new SqlParams();
    const rows: CounterRow[] = await manager.query(this.counterSql(params), params.values);

    return this.format(rows[0]);
  }

  /**
   * The statement that increments the day's counter, returning the columns `day` and `value`
   * of a CounterRow. With `condition`, a query whose rows are its source, it increments only
   * when the query returns a row.
   */
  counterSql(params: SqlParams, condition?: string): string {
    const day = `(now() AT TIME ZONE ${params.add(this.timeZone)})::date`;
    const source = condition
      ? `SELECT ${day}, 1 FROM (${condition}) AS "passed"`
      : `VALUES (${day}, 1)`;

    return `INSERT INTO "ticket"."ticket_number_counter" AS c ("day", "last_value")
       ${source}
       ON CONFLICT ("day") DO UPDATE SET "last_value" = c."last_value" + 1
       RETURNING to_char(c."day", 'YYYYMMDD') AS "day", c."last_value" AS "value"`;
  }

  format(row: CounterRow): string {
    return `${row.day}${this.prefix}${String(row.value).padStart(6, '0')}`;
  }
}
