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

/** What a creation needs before it can build the ticket. */
export interface CreationStart {
  /** Null when there is no active customer with the id. */
  customer: Customer | null;
  organisation: Organisation | null;
  /** The queue with the id, or the default queue; the caller checks that it is active. */
  queue: Queue | null;
  /** Whether the actor may change tickets of that queue, as `assertCanWrite` decides. */
  mayWrite: boolean;
}

/**
 * Reads the customer, the customer's organisation and the queue of a new ticket, and checks the
 * actor's write permission on the queue, in one round trip. The reads see the state of that
 * moment, as reads at the start of the creation's transaction would; nothing is locked in either
 * case. It takes no ticket number, because the request may still be rejected.
 */
@Injectable()
export class CreationStartLoader {
  private readonly sql: EntitySql;
  private readonly prepared: PreparedQueries;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly access: TicketAccessService,
  ) {
    this.sql = new EntitySql(dataSource);
    this.prepared = new PreparedQueries(dataSource);
  }

  async load(
    actor: TicketActor,
    customerId: string,
    queueId: string | undefined,
  ): Promise<CreationStart> {
    const params = new SqlParams();
    const queue = queueId ? `q."id" = ${params.add(queueId)}` : 'q."is_default"';
    const rows = await this.prepared.query<Record<string, unknown>>(
      `SELECT ${this.access.queueWriteClause(actor, params, 'q."id"')} AS "mayWrite",
              ${this.sql.columns(Customer, 'c', 'c.')},
              ${this.sql.columns(Organisation, 'o', 'o.')}, ${this.sql.columns(Queue, 'q', 'q.')}
         FROM (VALUES (1)) AS "start"
         LEFT JOIN ${this.sql.table(Customer)} c ON c."id" = ${params.add(customerId)} AND c."active"
         LEFT JOIN ${this.sql.table(Organisation)} o ON o."id" = c."organisation_id"
         LEFT JOIN ${this.sql.table(Queue)} q ON ${queue}
        LIMIT 1`,
      params.values,
    );
    const row = rows[0];

    return {
      customer: this.sql.hydrate(Customer, row, 'c.'),
      organisation: this.sql.hydrate(Organisation, row, 'o.'),
      queue: this.sql.hydrate(Queue, row, 'q.'),
      mayWrite: row.mayWrite === true,
    };
  }
}
