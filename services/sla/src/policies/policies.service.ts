import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { PENDING_STATE_TYPES, SLA_CLOCK_KINDS } from '@deskflow/contracts';
import { ConflictError, FieldProblem, NotFoundError, ValidationFailedError } from '@deskflow/http';
import { CalendarEntity } from '../calendars/calendar.entity';
import { checkIfMatch } from '../common/if-match';
import { TicketRematcher } from '../tickets/ticket-rematcher.service';
import { CreatePolicyDto, UpdatePolicyDto } from './policy.dto';
import { PolicyEntity } from './policy.entity';

const DEFAULT_WARNINGS = [{ percent: 80 }];

function conflictOf(error: unknown, policy: PolicyEntity): ConflictError | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;

  const driverError = error.driverError as { code?: string; constraint?: string };
  if (driverError.code !== '23505') return undefined;
  if (driverError.constraint === 'ux_policy_one_active_default') {
    return new ConflictError(
      'default_policy_exists',
      'another active policy is already the default; deactivate it first',
      [{ field: 'isDefault', reason: 'only one active policy can be the default' }],
    );
  }

  return new ConflictError('policy_name_taken', `a policy named "${policy.name}" already exists`, [
    { field: 'name', reason: 'must be unique' },
  ]);
}

@Injectable()
export class PoliciesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rematcher: TicketRematcher,
  ) {}

  list(): Promise<PolicyEntity[]> {
    return this.dataSource.manager.find(PolicyEntity, {
      order: { position: 'ASC', createdAt: 'ASC' },
    });
  }

  async get(id: string): Promise<PolicyEntity> {
    const policy = await this.dataSource.manager.findOneBy(PolicyEntity, { id });
    if (!policy) throw new NotFoundError(`policy ${id}`);

    return policy;
  }

  /** Creates a policy and moves the open tickets it now matches first onto it, in one transaction. */
  async create(input: CreatePolicyDto): Promise<PolicyEntity> {
    return this.dataSource.transaction(async (manager) => {
      const last = await manager.find(PolicyEntity, { order: { position: 'DESC' }, take: 1 });
      const policy = manager.create(PolicyEntity, {
        position: (last[0]?.position ?? -1) + 1,
        isDefault: false,
        active: true,
        priorities: [],
        queueIds: [],
        types: [],
        organisationIds: [],
        organisationTiers: [],
        firstResponseMinutes: null,
        nextResponseMinutes: null,
        resolutionMinutes: null,
        warnings: DEFAULT_WARNINGS,
        pauseStateTypes: [...PENDING_STATE_TYPES],
        pausedClocks: [...SLA_CLOCK_KINDS],
        publicNotesCount: false,
        resumeOnReopen: false,
        ...withoutUndefined(input),
      });
      const saved = await this.validateAndSave(manager, policy);
      await this.rematcher.rematchPolicies(manager, [saved.id]);

      return saved;
    });
  }

  /** Applies a change and re-matches the affected tickets in the same transaction. */
  async update(
    id: string,
    input: UpdatePolicyDto,
    ifMatch: string | undefined,
  ): Promise<PolicyEntity> {
    return this.dataSource.transaction(async (manager) => {
      const policy = await this.lockedPolicy(manager, id);
      checkIfMatch(ifMatch, policy.version, `SLA policy ${id}`);
      Object.assign(policy, withoutUndefined(input));
      const saved = await this.validateAndSave(manager, policy);
      await this.rematcher.rematchPolicies(manager, [id]);

      return saved;
    });
  }

  async remove(id: string, ifMatch: string | undefined): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const policy = await this.lockedPolicy(manager, id);
      checkIfMatch(ifMatch, policy.version, `SLA policy ${id}`);
      await manager.delete(PolicyEntity, { id });
      await this.rematcher.rematchPolicies(manager, [id]);
    });
  }

  private async lockedPolicy(manager: EntityManager, id: string): Promise<PolicyEntity> {
    const policy = await manager.findOne(PolicyEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!policy) throw new NotFoundError(`policy ${id}`);

    return policy;
  }

  private async validateAndSave(
    manager: EntityManager,
    policy: PolicyEntity,
  ): Promise<PolicyEntity> {
    const problems: FieldProblem[] = [];
    if (!(await manager.existsBy(CalendarEntity, { id: policy.calendarId }))) {
      problems.push({
        field: 'calendarId',
        reason: `calendar ${policy.calendarId} does not exist`,
      });
    }
    policy.warnings.forEach((warning, index) => {
      if ((warning.percent === undefined) === (warning.leadMinutes === undefined)) {
        problems.push({
          field: `warnings.${index}`,
          reason: 'set exactly one of percent or leadMinutes',
        });
      }
    });
    if (problems.length > 0) throw new ValidationFailedError(problems);

    try {
      return await manager.save(policy);
    } catch (error) {
      throw conflictOf(error, policy) ?? error;
    }
  }
}

function withoutUndefined<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
