import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, actorRef } from '@deskflow/auth';
import { NotFoundError, ValidationFailedError } from '@deskflow/http';
import { rethrowUniqueViolation } from '../common/database-errors';
import { Agent } from '../people/agent.entity';
import { DirectoryPublisher } from '../people/directory-publisher';
import { CreateQueueDto, CustomFieldDefinitionDto, UpdateQueueDto } from './dto/queue.dto';
import { ClosedTicketReplyPolicy, CustomFieldDefinition, Queue } from './queue.entity';
import { QueueMember, QueuePermission } from './queue-member.entity';
import { definedOnly } from '../common/defined-only';

function toDefinitions(input: CustomFieldDefinitionDto[]): CustomFieldDefinition[] {
  const keys = new Set<string>();

  return input.map((definition, index) => {
    if (keys.has(definition.key)) {
      throw new ValidationFailedError([
        { field: `customFields.${index}.key`, reason: `duplicate key ${definition.key}` },
      ]);
    }
    keys.add(definition.key);

    return {
      key: definition.key,
      label: definition.label,
      type: definition.type,
      required: definition.required ?? false,
      ...(definition.type === 'enum' ? { options: definition.options } : {}),
    };
  });
}

@Injectable()
export class QueuesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: DirectoryPublisher,
  ) {}

  list(): Promise<Queue[]> {
    return this.dataSource.getRepository(Queue).find({ order: { name: 'ASC', id: 'ASC' } });
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<Queue> {
    const queue = await manager.findOneBy(Queue, { id });
    if (!queue) throw new NotFoundError(`queue ${id}`);

    return queue;
  }

  /**
   * Returns the effect of a customer's message on a closed ticket of the queue. The API and every channel
   * read it here, so a queue behaves the same whichever way the message arrives.
   */
  async closedTicketReplyPolicy(
    manager: EntityManager,
    queueId: string,
  ): Promise<ClosedTicketReplyPolicy> {
    const queue = await manager.findOneByOrFail(Queue, { id: queueId });

    return queue.closedTicketReply;
  }

  async defaultQueue(manager: EntityManager): Promise<Queue> {
    return manager.findOneByOrFail(Queue, { isDefault: true });
  }

  async create(input: CreateQueueDto, actor: Actor): Promise<Queue> {
    const { customFields, ...fields } = input;

    return this.dataSource
      .transaction(async (manager) => {
        const queue = await manager.save(
          manager.create(Queue, {
            description: '',
            senderEmail: null,
            escalationEmails: [],
            active: true,
            isDefault: false,
            ...definedOnly(fields),
            customFields: toDefinitions(customFields ?? []),
          }),
        );
        await this.directory.queueChanged(manager, queue, actorRef(actor));

        return queue;
      })
      .catch((error: unknown) => rethrowUniqueViolation(error, 'name', input.name));
  }

  async update(id: string, input: UpdateQueueDto, actor: Actor): Promise<Queue> {
    const { customFields, ...fields } = input;

    return this.dataSource
      .transaction(async (manager) => {
        const queue = await manager.findOne(Queue, {
          where: { id },
          lock: { mode: 'pessimistic_write' },
        });
        if (!queue) throw new NotFoundError(`queue ${id}`);

        Object.assign(
          queue,
          definedOnly(fields),
          customFields ? { customFields: toDefinitions(customFields) } : {},
        );
        await manager.save(queue);
        await this.directory.queueChanged(manager, queue, actorRef(actor));

        return queue;
      })
      .catch((error: unknown) => rethrowUniqueViolation(error, 'name', input.name ?? ''));
  }

  members(queueId: string): Promise<QueueMember[]> {
    return this.dataSource
      .getRepository(QueueMember)
      .find({ where: { queueId }, order: { agentId: 'ASC' } });
  }

  async setMember(
    queueId: string,
    agentId: string,
    permission: QueuePermission,
    actor: Actor,
  ): Promise<QueueMember> {
    return this.dataSource.transaction(async (manager) => {
      await this.get(queueId, manager);
      if (!(await manager.existsBy(Agent, { id: agentId })))
        throw new NotFoundError(`agent ${agentId}`);

      const member = await manager.save(
        manager.create(QueueMember, { queueId, agentId, permission }),
      );
      await this.directory.agentChanged(manager, agentId, actorRef(actor));

      return member;
    });
  }

  async removeMember(queueId: string, agentId: string, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const result = await manager.delete(QueueMember, { queueId, agentId });
      if (!result.affected)
        throw new NotFoundError(`membership of agent ${agentId} in queue ${queueId}`);

      await this.directory.agentChanged(manager, agentId, actorRef(actor));
    });
  }
}
