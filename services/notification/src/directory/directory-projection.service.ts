import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AgentChangedPayload, QueueChangedPayload } from '@deskflow/contracts';
import { AgentProjection } from './agent-projection.entity';
import { QueueProjection } from './queue-projection.entity';

/** Keeps the local copy of agents and queues, and looks agents up for recipient resolution. */
@Injectable()
export class DirectoryProjectionService {
  async applyAgent(manager: EntityManager, agent: AgentChangedPayload): Promise<void> {
    await manager.getRepository(AgentProjection).upsert(
      {
        id: agent.id,
        email: agent.email,
        name: agent.name,
        language: agent.language,
        role: agent.role,
        active: agent.active,
        queueIds: agent.queueIds,
      },
      ['id'],
    );
  }

  async applyQueue(manager: EntityManager, queue: QueueChangedPayload): Promise<void> {
    await manager.getRepository(QueueProjection).upsert(
      {
        id: queue.id,
        name: queue.name,
        escalationEmails: queue.escalationEmails,
        senderEmail: queue.senderEmail ?? null,
        active: queue.active,
      },
      ['id'],
    );
  }

  async agentsByIds(manager: EntityManager, ids: string[]): Promise<AgentProjection[]> {
    if (ids.length === 0) return [];

    return manager.getRepository(AgentProjection).findBy({ id: In(ids), active: true });
  }

  async agentsOfQueue(manager: EntityManager, queueId: string): Promise<AgentProjection[]> {
    return manager
      .getRepository(AgentProjection)
      .createQueryBuilder('agent')
      .where('agent.active AND :queueId = ANY(agent.queue_ids)', { queueId })
      .orderBy('agent.id')
      .getMany();
  }

  /** Active agents whose address is one of `emails`, compared case-insensitively. */
  async agentsByEmails(manager: EntityManager, emails: string[]): Promise<AgentProjection[]> {
    if (emails.length === 0) return [];

    return manager
      .getRepository(AgentProjection)
      .createQueryBuilder('agent')
      .where('agent.active AND lower(agent.email) = ANY(:emails)', {
        emails: emails.map((email) => email.toLowerCase()),
      })
      .getMany();
  }

  async queue(manager: EntityManager, id: string): Promise<QueueProjection | null> {
    return manager.getRepository(QueueProjection).findOneBy({ id });
  }
}
