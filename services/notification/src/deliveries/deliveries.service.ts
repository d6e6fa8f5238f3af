import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConflictError, NotFoundError } from '@deskflow/http';
import { Page, readNewestFirstPage } from '../common/cursor';
import { returningRows } from '../common/returning-rows';
import { DELIVERY_WAKE_CHANNEL } from './delivery-writer.service';
import { DeliveryAttempt } from './delivery-attempt.entity';
import { Delivery } from './delivery.entity';
import { DeliveryListQuery } from './delivery.dto';

/** States from which an operator may send a delivery again. */
const RESENDABLE = ['dead', 'cancelled', 'delivered'];

/** The delivery log for operators: list, inspect with attempts, re-send. */
@Injectable()
export class DeliveriesService {
  constructor(private readonly dataSource: DataSource) {}

  async list(query: DeliveryListQuery): Promise<Page<Delivery>> {
    const builder = this.dataSource.getRepository(Delivery).createQueryBuilder('delivery');
    const filters = {
      status: query.status,
      channel: query.channel,
      ticket_id: query.ticketId,
      source_event_id: query.sourceEventId,
      recipient_key: query.recipientKey,
    };
    for (const [column, value] of Object.entries(filters)) {
      if (value !== undefined)
        builder.andWhere(`delivery.${column} = :${column}`, { [column]: value });
    }

    return readNewestFirstPage(builder, query.cursor, query.limit ?? 50);
  }

  async get(id: string): Promise<Delivery & { attemptLog: DeliveryAttempt[] }> {
    const delivery = await this.dataSource.getRepository(Delivery).findOneBy({ id });
    if (!delivery) throw new NotFoundError(`delivery ${id}`);

    const attemptLog = await this.dataSource
      .getRepository(DeliveryAttempt)
      .find({ where: { deliveryId: id }, order: { attempt: 'ASC', id: 'ASC' } });

    return { ...delivery, attemptLog };
  }

  /** Queues a finished delivery again with a fresh attempt budget; the Message-ID stays the same. */
  async resend(id: string): Promise<Delivery> {
    await this.dataSource.transaction(async (manager) => {
      const rows = await returningRows<{ id: string }>(
        manager,
        `UPDATE "notification"."delivery"
            SET "status" = 'queued', "retry_count" = 0, "available_at" = now(), "lease_until" = NULL,
                "awaits_sla" = false, "updated_at" = now()
          WHERE "id" = $1 AND "status" = ANY($2) RETURNING "id"`,
        [id, RESENDABLE],
      );
      if (rows.length > 0) {
        await manager.query('SELECT pg_notify($1, $2)', [DELIVERY_WAKE_CHANNEL, '']);

        return;
      }

      const current = await manager.getRepository(Delivery).findOneBy({ id });
      if (!current) throw new NotFoundError(`delivery ${id}`);

      throw new ConflictError(
        'delivery_not_resendable',
        `delivery ${id} is ${current.status}; only ${RESENDABLE.join(', ')} deliveries can be re-sent`,
      );
    });

    return (await this.dataSource.getRepository(Delivery).findOneBy({ id }))!;
  }
}
