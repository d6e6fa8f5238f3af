import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { FieldProblem, NotFoundError, ValidationFailedError } from '@deskflow/http';
import { rethrowUniqueViolation } from '../common/database-errors';
import { definedOnly } from '../common/defined-only';
import { SettingsCache, settingsCacheMs } from '../common/settings-cache';
import { Agent } from '../people/agent.entity';
import { Queue } from '../queues/queue.entity';
import { AutomationRule } from './automation-rule.entity';
import { CreateRuleDto, UpdateRuleDto } from './dto/rule.dto';
import { RegexSandbox } from './regex-sandbox';
import { RuleDefinition } from './rule-model';
import { departmentRuleSet } from './rule-sets/department.rule-set';
import { resolveQueueNames, RuleSet } from './rule-sets/rule-set';
import { serviceDeskRuleSet } from './rule-sets/service-desk.rule-set';
import { conditionProblems, patternProblems } from './rule-validation';

/** Rule sets kept in the repository, by name. */
export const RULE_SETS: ReadonlyMap<string, RuleSet> = new Map(
  [serviceDeskRuleSet, departmentRuleSet].map((set) => [set.name, set]),
);

/** Stores automation rules and owns the regex sandbox they run in. */
@Injectable()
export class RulesService implements OnModuleDestroy {
  readonly sandbox = new RegexSandbox(Number(process.env.AUTOMATION_REGEX_TIMEOUT_MS ?? 100));
  private readonly active = new SettingsCache<RuleDefinition[]>(settingsCacheMs());

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onModuleDestroy(): Promise<void> {
    await this.sandbox.close();
  }

  list(manager: EntityManager = this.dataSource.manager): Promise<AutomationRule[]> {
    return manager.find(AutomationRule, { order: { position: 'ASC', id: 'ASC' } });
  }

  /** Active rules in evaluation order, in the shape the evaluator takes. */
  activeDefinitions(manager: EntityManager): Promise<RuleDefinition[]> {
    return this.active.get('rules', () => this.loadActiveDefinitions(manager));
  }

  private async loadActiveDefinitions(manager: EntityManager): Promise<RuleDefinition[]> {
    const rules = await manager.find(AutomationRule, {
      where: { active: true },
      order: { position: 'ASC', id: 'ASC' },
    });

    return rules.map((rule) => ({
      id: rule.id,
      name: rule.name,
      triggers: rule.triggers,
      match: rule.match,
      conditions: rule.conditions,
      actions: rule.actions,
      stopProcessing: rule.stopProcessing,
    }));
  }

  async get(id: string): Promise<AutomationRule> {
    const rule = await this.dataSource.manager.findOneBy(AutomationRule, { id });
    if (!rule) throw new NotFoundError(`automation rule ${id}`);

    return rule;
  }

  async create(input: CreateRuleDto): Promise<AutomationRule> {
    await this.check(input);

    return this.dataSource
      .transaction(async (manager) => {
        const position = input.position ?? (await this.nextPosition(manager));
        const now = new Date();
        const rule = manager.create(AutomationRule, {
          ...input,
          position,
          active: input.active ?? true,
          match: input.match ?? 'all',
          actions: definedOnly(input.actions),
          stopProcessing: input.stopProcessing ?? false,
          version: 1,
          createdAt: now,
          updatedAt: now,
        });

        return manager.save(rule);
      })
      .catch((error: unknown) => rethrowUniqueViolation(error, 'name', input.name))
      .finally(() => this.active.clear());
  }

  async update(id: string, input: UpdateRuleDto): Promise<AutomationRule> {
    return this.dataSource
      .transaction(async (manager) => {
        const rule = await manager.findOne(AutomationRule, {
          where: { id },
          lock: { mode: 'pessimistic_write' },
        });
        if (!rule) throw new NotFoundError(`automation rule ${id}`);

        const merged = {
          ...rule,
          ...definedOnly(input),
          actions: input.actions ? definedOnly(input.actions) : rule.actions,
        };
        await this.check(merged);
        Object.assign(rule, merged, { version: rule.version + 1, updatedAt: new Date() });

        return manager.save(rule);
      })
      .catch((error: unknown) => rethrowUniqueViolation(error, 'name', input.name ?? ''))
      .finally(() => this.active.clear());
  }

  /**
   * Stores the rules of a repository rule set after the existing rules, as inactive rules named
   * `<set>: <rule>` for an admin to review and switch on. Every queue the set routes to must exist.
   */
  async importRuleSet(name: string): Promise<AutomationRule[]> {
    const ruleSet = RULE_SETS.get(name);
    if (!ruleSet)
      throw new NotFoundError(`rule set ${name} (known: ${[...RULE_SETS.keys()].join(', ')})`);

    const queues = await this.dataSource.manager.find(Queue, { where: { active: true } });
    let rules: RuleDefinition[];
    try {
      rules = resolveQueueNames(
        ruleSet.rules,
        new Map(queues.map((queue) => [queue.name.toLowerCase(), queue.id])),
      );
    } catch (error) {
      throw new ValidationFailedError([{ field: 'name', reason: (error as Error).message }]);
    }
    const created: AutomationRule[] = [];
    for (const rule of rules) {
      const { id: _, ...fields } = rule;
      created.push(
        await this.create({ ...fields, name: `${ruleSet.name}: ${rule.name}`, active: false }),
      );
    }

    return created;
  }

  async remove(id: string): Promise<void> {
    const result = await this.dataSource.manager.delete(AutomationRule, { id });
    this.active.clear();
    if (!result.affected) throw new NotFoundError(`automation rule ${id}`);
  }

  private async nextPosition(manager: EntityManager): Promise<number> {
    const [row]: { next: number }[] = await manager.query(
      `SELECT COALESCE(MAX("position"), 0) + 10 AS "next" FROM "ticket"."automation_rule"`,
    );

    return Number(row.next);
  }

  /** Checks what the DTO cannot: operators per field, patterns, and that referenced queues and agents exist. */
  private async check(input: Pick<CreateRuleDto, 'conditions' | 'actions'>): Promise<void> {
    const problems: FieldProblem[] = [];
    for (const [index, condition] of input.conditions.entries()) {
      problems.push(...conditionProblems(condition, `conditions.${index}`));
      problems.push(...(await patternProblems(condition, `conditions.${index}`, this.sandbox)));
    }
    const { queueId, ownerId } = input.actions;
    if (
      queueId &&
      !(await this.dataSource.manager.existsBy(Queue, { id: queueId, active: true }))
    ) {
      problems.push({ field: 'actions.queueId', reason: `no active queue ${queueId}` });
    }
    if (
      ownerId &&
      !(await this.dataSource.manager.existsBy(Agent, { id: ownerId, active: true }))
    ) {
      problems.push({ field: 'actions.ownerId', reason: `no active agent ${ownerId}` });
    }
    if (problems.length > 0) throw new ValidationFailedError(problems);
  }
}
