import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { NotFoundError } from '@deskflow/http';
import { Page, readNewestFirstPage } from '../common/cursor';
import { InboxItem } from './inbox-item.entity';

export const INBOX_CHANNEL = 'notification_inbox';

export interface NewInboxItem {
  agentId: string;
  deliveryId: string;
  ticketId: string | null;
  ticketNumber: string | null;
  eventType: string;
  title: string;
  body: string;
}

/** The in-app inbox of agents. */
@Injectable()
export class InboxService {
  constructor(@InjectRepository(InboxItem) private readonly repository: Repository<InboxItem>) {}

  /**
   * Adds an item once per delivery and notifies every replica's stream through NOTIFY, which
   * Postgres sends only when the transaction commits.
   */
  async add(manager: EntityManager, item: NewInboxItem): Promise<void> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO "notification"."inbox_item"
         ("agent_id", "delivery_id", "ticket_id", "ticket_number", "event_type", "title", "body")
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT ("delivery_id") DO NOTHING RETURNING "id"`,
      [
        item.agentId,
        item.deliveryId,
        item.ticketId,
        item.ticketNumber,
        item.eventType,
        item.title,
        item.body,
      ],
    );
    if (rows.length === 0) return;

    await manager.query('SELECT pg_notify($1, $2)', [
      INBOX_CHANNEL,
      JSON.stringify({ agentId: item.agentId, itemId: rows[0].id }),
    ]);
  }

  async list(
    agentId: string,
    options: { unreadOnly?: boolean; cursor?: string; limit?: number },
  ): Promise<Page<InboxItem>> {
    const query = this.repository
      .createQueryBuilder('item')
      .where('item.agent_id = :agentId', { agentId });
    if (options.unreadOnly) query.andWhere('item.read_at IS NULL');

    return readNewestFirstPage(query, options.cursor, options.limit ?? 50);
  }

  async get(agentId: string, id: string): Promise<InboxItem | null> {
    return this.repository.findOneBy({ id, agentId });
  }

  async unreadCount(agentId: string): Promise<number> {
    return this.repository.countBy({ agentId, readAt: IsNull() });
  }

  async markRead(agentId: string, id: string): Promise<InboxItem> {
    const item = await this.get(agentId, id);
    if (!item) throw new NotFoundError(`inbox item ${id}`);

    if (!item.readAt) {
      await this.repository.update({ id, readAt: IsNull() }, { readAt: () => 'now()' });
    }

    return (await this.get(agentId, id))!;
  }

  /** Returns the number of items that were unread. */
  async markAllRead(agentId: string): Promise<number> {
    const result = await this.repository.update(
      { agentId, readAt: IsNull() },
      { readAt: () => 'now()' },
    );

    return result.affected ?? 0;
  }
}
