import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { actorRef } from '@deskflow/auth';
import { DirectoryEvents } from '@deskflow/contracts';
import { rootLogger } from '@deskflow/observability';
import { Queue } from '../queues/queue.entity';
import { DirectoryPublisher } from './directory-publisher';

/**
 * Publishes every agent and queue that has no `directory.*` event in the outbox yet. Rows written
 * by migrations (the default queue) and admins seeded before the seed published its event would
 * otherwise stay unknown to the notification service's projections. A restart finds the events
 * recorded and publishes nothing. Should the outbox ever lose them, publishing the current state
 * again is harmless, because consumers upsert it.
 */
@Injectable()
export class DirectoryBackfillService implements OnApplicationBootstrap {
  private readonly logger = rootLogger().child({ context: 'DirectoryBackfillService' });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: DirectoryPublisher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const published = await this.dataSource.transaction(async (manager) => {
      // Replicas starting together wait for each other, so each entry is recorded once.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('ticket.directory_backfill'))`);

      const queues = await this.publishQueues(manager);
      const agents = await this.publishAgents(manager);

      return { queues, agents };
    });
    if (published.queues > 0 || published.agents > 0) {
      this.logger.info(published, 'published directory entries missing from the outbox');
    }
  }

  private async publishQueues(manager: EntityManager): Promise<number> {
    const ids = await this.unpublishedIds(manager, 'queue', DirectoryEvents.queueChanged.type);
    for (const id of ids) {
      const queue = await manager.findOneByOrFail(Queue, { id });
      await this.directory.queueChanged(manager, queue, actorRef(undefined));
    }

    return ids.length;
  }

  private async publishAgents(manager: EntityManager): Promise<number> {
    const ids = await this.unpublishedIds(manager, 'agent', DirectoryEvents.agentChanged.type);
    for (const id of ids) await this.directory.agentChanged(manager, id, actorRef(undefined));

    return ids.length;
  }

  private async unpublishedIds(
    manager: EntityManager,
    table: 'agent' | 'queue',
    eventType: string,
  ): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT e."id" FROM "ticket"."${table}" e
       WHERE NOT EXISTS (
         SELECT 1 FROM "ticket"."outbox_event" o
         WHERE o."type" = $1 AND o."message_key" = e."id"::text
       )
       ORDER BY e."id"`,
      [eventType],
    );

    return rows.map((row) => row.id);
  }
}
