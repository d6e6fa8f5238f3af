import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TicketAccessService } from '../access/ticket-access.service';
import { EntitySql } from '../common/entity-sql';
import { PreparedQueries } from '../common/prepared-query';
import { SqlParams } from '../common/sql-params';
import { TicketActor } from '../common/ticket-actor';
import { Customer } from '../people/customer.entity';
import { Organisation } from '../people/organisation.entity';
import { Queue } from '../queues/queue.entity';
import { TicketNumberService } from './ticket-number.service';

/** What a creation needs before it can build the ticket. */
export interface CreationStart {
  /** Null when there is no active customer with the id. */
  customer: Customer | null;
  organisation: Organisation | null;
  /** The queue with the id, or the default queue; the caller checks that it is active. */
  queue: Queue | null;
  /** Whether the actor may change tickets of that queue, as `assertCanWrite` decides. */
  mayWrite: boolean;
  /**
   * The ticket number, or null when a check of this statement failed. It is taken only when the
   * customer and an active queue exist, the actor may write to the queue and the owner may own
   * its tickets.
   */
  number: string | null;
}

/**
 * Reads the customer, the customer's organisation and the queue of a new ticket, checks the
 * actor's write permission on the queue and the owner's membership, and takes the ticket number
 * when those checks pass, in one round trip. The reads see the state of that moment, as reads at
 * the start of the creation's transaction would; nothing is locked in either case.
 *
 * NOTE: checks that run after this statement, such as those of custom fields, may still reject
 * the creation, and then its number is a gap.
 */
@Injectable()
export class CreationStartLoader {
  private readonly sql: EntitySql;
  private readonly prepared: PreparedQueries;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly access: TicketAccessService,
    private readonly numbers: TicketNumberService,
  ) {
    this.sql = new EntitySql(dataSource);
    this.prepared = new PreparedQueries(dataSource);
  }

  async load(
    actor: TicketActor,
    customerId: string,
    queueId: string | undefined,
    ownerId?: string | null,
  ): Promise<CreationStart> {
    const params = new SqlParams();
    const queue = queueId ? `q."id" = ${params.add(queueId)}` : 'q."is_default"';
    const mayOwn = ownerId
      ? `EXISTS (SELECT 1 FROM "ticket"."agent" a
          WHERE a."id" = ${params.add(ownerId)} AND a."active" AND (a."role" = 'admin' OR EXISTS (
            SELECT 1 FROM "ticket"."queue_member" m WHERE m."agent_id" = a."id" AND m."queue_id" = q."id")))`
      : 'TRUE';
    const passed = `SELECT 1 FROM "start" s
      WHERE s."mayWrite" AND s."mayOwn" AND s."c.id" IS NOT NULL AND s."q.active"`;
    const rows = await this.prepared.query<Record<string, unknown>>(
      `WITH "start" AS MATERIALIZED (
         SELECT ${this.access.queueWriteClause(actor, params, 'q."id"')} AS "mayWrite",
                ${mayOwn} AS "mayOwn",
                ${this.sql.columns(Customer, 'c', 'c.')},
                ${this.sql.columns(Organisation, 'o', 'o.')}, ${this.sql.columns(Queue, 'q', 'q.')}
           FROM (VALUES (1)) AS "start"
           LEFT JOIN ${this.sql.table(Customer)} c ON c."id" = ${params.add(customerId)} AND c."active"
           LEFT JOIN ${this.sql.table(Organisation)} o ON o."id" = c."organisation_id"
           LEFT JOIN ${this.sql.table(Queue)} q ON ${queue}
          LIMIT 1),
       "taken" AS (${this.numbers.counterSql(params, passed)})
       SELECT s.*, t."day" AS "number.day", t."value" AS "number.value"
         FROM "start" s LEFT JOIN "taken" t ON TRUE`,
      params.values,
    );
    const row = rows[0];
    const day = row['number.day'] as string | null;

    return {
      customer: this.sql.hydrate(Customer, row, 'c.'),
      organisation: this.sql.hydrate(Organisation, row, 'o.'),
      queue: this.sql.hydrate(Queue, row, 'q.'),
      mayWrite: row.mayWrite === true,
      number: day ? this.numbers.format({ day, value: Number(row['number.value']) }) : null,
    };
  }
}
