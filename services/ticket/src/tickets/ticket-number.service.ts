import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * Hands out ticket numbers: `YYYYMMDD` of the day in TICKET_NUMBER_TIME_ZONE (default
 * Europe/Berlin), the system prefix TICKET_NUMBER_PREFIX (default `10`) and the day's counter,
 * zero-padded to six digits (it grows beyond that rather than wrap).
 *
 * The counter row is incremented in its own short transaction, so concurrent creations wait on
 * it only for one statement. A creation that fails afterwards leaves a gap; numbers stay unique.
 */
@Injectable()
export class TicketNumberService {
  private readonly timeZone = process.env.TICKET_NUMBER_TIME_ZONE ?? 'Europe/Berlin';
  private readonly prefix = process.env.TICKET_NUMBER_PREFIX ?? '10';

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async next(): Promise<string> {
    const rows: { day: string; value: number }[] = await this.dataSource.query(
      `INSERT INTO "ticket"."ticket_number_counter" AS c ("day", "last_value")
       VALUES ((now() AT TIME ZONE $1)::date, 1)
       ON CONFLICT ("day") DO UPDATE SET "last_value" = c."last_value" + 1
       RETURNING to_char(c."day", 'YYYYMMDD') AS "day", c."last_value" AS "value"`,
      [this.timeZone],
    );

    return `${rows[0].day}${this.prefix}${String(rows[0].value).padStart(6, '0')}`;
  }
}
