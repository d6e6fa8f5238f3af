import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, actorRef } from '@deskflow/auth';
import { NotFoundError } from '@deskflow/http';
import { hashPassword } from '../auth/password-hasher';
import { rethrowUniqueViolation } from '../common/database-errors';
import { Agent } from './agent.entity';
import { DirectoryPublisher } from './directory-publisher';
import { CreateAgentDto, UpdateAgentDto } from './dto/agent.dto';
import { definedOnly } from '../common/defined-only';

@Injectable()
export class AgentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: DirectoryPublisher,
  ) {}

  list(): Promise<Agent[]> {
    return this.dataSource.getRepository(Agent).find({ order: { name: 'ASC', id: 'ASC' } });
  }

  async get(id: string): Promise<Agent> {
    const agent = await this.dataSource.getRepository(Agent).findOneBy({ id });
    if (!agent) throw new NotFoundError(`agent ${id}`);

    return agent;
  }

  async create(input: CreateAgentDto, actor: Actor): Promise<Agent> {
    const passwordHash = input.password ? await hashPassword(input.password) : null;

    return this.dataSource
      .transaction(async (manager) => {
        const agent = await manager.save(
          manager.create(Agent, {
            email: input.email.trim(),
            name: input.name,
            language: input.language ?? 'en',
            role: input.role,
            active: input.active ?? true,
            passwordHash,
          }),
        );
        await this.directory.agentChanged(manager, agent.id, actorRef(actor));

        return this.withoutHash(agent);
      })
      .catch((error: unknown) => rethrowUniqueViolation(error, 'email', input.email));
  }

  async update(id: string, input: UpdateAgentDto, actor: Actor): Promise<Agent> {
    const { password, ...fields } = input;
    const passwordHash = password ? await hashPassword(password) : undefined;

    return this.dataSource
      .transaction(async (manager) => {
        const agent = await manager.findOne(Agent, {
          where: { id },
          lock: { mode: 'pessimistic_write' },
        });
        if (!agent) throw new NotFoundError(`agent ${id}`);

        Object.assign(agent, definedOnly(fields), passwordHash ? { passwordHash } : {});
        await manager.save(agent);
        await this.directory.agentChanged(manager, agent.id, actorRef(actor));

        return this.withoutHash(agent);
      })
      .catch((error: unknown) => rethrowUniqueViolation(error, 'email', input.email ?? ''));
  }

  private withoutHash(agent: Agent): Agent {
    delete (agent as Partial<Agent>).passwordHash;

    return agent;
  }
}
