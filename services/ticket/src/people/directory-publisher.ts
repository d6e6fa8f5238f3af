import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DirectoryEvents } from '@deskflow/contracts';
import { Outbox } from '@deskflow/messaging';
import { Queue } from '../queues/queue.entity';
import { Agent } from './agent.entity';

/**
 * Publishes agents and queues as `directory.*` events, so that the notification service can
 * address queue members without calling this service.
 */
@Injectable()
export class DirectoryPublisher {
  constructor(private readonly outbox: Outbox) {}

  async agentChanged(manager: EntityManager, agentId: string, actorRef: string): Promise<void> {
    const agent = await manager.findOneByOrFail(Agent, { id: agentId });
    const memberships: { queue_id: string }[] = await manager.query(
      `SELECT "queue_id" FROM "ticket"."queue_member" WHERE "agent_id" = $1 ORDER BY "queue_id"`,
      [agentId],
    );
    await this.outbox.record(manager, DirectoryEvents.agentChanged, {
      subject: agent.id,
      actor: actorRef,
      data: {
        id: agent.id,
        email: agent.email,
        name: agent.name,
        language: agent.language,
        queueIds: memberships.map((row) => row.queue_id),
        role: agent.role,
        active: agent.active,
      },
    });
  }

  async queueChanged(manager: EntityManager, queue: Queue, actorRef: string): Promise<void> {
    await this.outbox.record(manager, DirectoryEvents.queueChanged, {
      subject: queue.id,
      actor: actorRef,
      data: {
        id: queue.id,
        name: queue.name,
        escalationEmails: queue.escalationEmails,
        senderEmail: queue.senderEmail,
        active: queue.active,
      },
    });
  }
}
