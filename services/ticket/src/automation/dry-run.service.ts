import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '@deskflow/auth';
import { ValidationFailedError } from '@deskflow/http';
import { TicketAccessService } from '../access/ticket-access.service';
import { Customer } from '../people/customer.entity';
import { Organisation } from '../people/organisation.entity';
import { Queue } from '../queues/queue.entity';
import { DraftTicketDto, DryRunDto } from './dto/rule.dto';
import { draftRuleSubject, RuleSubject, RuleTrigger } from './rule-model';
import { runRules } from './rule-runner';
import { loadRuleSubject, openingBody } from './rule-subject.loader';
import { RulesService } from './rules.service';

/** Evaluates the rules against a stored or draft ticket and reports what they would change, without saving. */
@Injectable()
export class DryRunService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TicketAccessService,
    private readonly rules: RulesService,
  ) {}

  async run(actor: Actor, input: DryRunDto): Promise<Record<string, unknown>> {
    if ((input.ticketId === undefined) === (input.draft === undefined)) {
      throw new ValidationFailedError([
        { field: 'ticketId', reason: 'give either ticketId or draft, not both' },
      ]);
    }
    const manager = this.dataSource.manager;
    const subject = input.ticketId
      ? await this.ticketSubject(manager, actor, input.ticketId)
      : await this.draftSubject(manager, input.draft!);
    const trigger: RuleTrigger = input.trigger ?? (input.ticketId ? 'update' : 'create');
    const definitions = await this.rules.activeDefinitions(manager);
    const run = await runRules(subject, definitions, trigger, (pattern, flags, text) =>
      this.rules.sandbox.test(pattern, flags, text),
    );

    return {
      trigger,
      rules: run.results.map((result) => ({
        id: result.rule.id,
        name: result.rule.name,
        fired: result.fired,
        conditions: result.conditions.map(({ condition, passed, timedOut }) => ({
          ...condition,
          passed,
          timedOut: timedOut ?? false,
        })),
      })),
      applications: run.applications.map((application) => ({
        ruleId: application.rule.id,
        name: application.rule.name,
        changes: application.changes,
        note: application.note ?? null,
      })),
      outcome: run.outcome,
    };
  }

  private async ticketSubject(
    manager: EntityManager,
    actor: Actor,
    ref: string,
  ): Promise<RuleSubject> {
    const ticket = await this.access.findVisible(manager, actor, ref);

    return loadRuleSubject(manager, ticket, await openingBody(manager, ticket.id));
  }

  private async draftSubject(manager: EntityManager, draft: DraftTicketDto): Promise<RuleSubject> {
    const customer = draft.customerId
      ? await manager.findOneBy(Customer, { id: draft.customerId })
      : null;
    if (draft.customerId && !customer) {
      throw new ValidationFailedError([
        { field: 'draft.customerId', reason: `no customer ${draft.customerId}` },
      ]);
    }
    const organisation = customer?.organisationId
      ? await manager.findOneBy(Organisation, { id: customer.organisationId })
      : null;
    const queue = draft.queueId
      ? await manager.findOneBy(Queue, { id: draft.queueId })
      : await manager.findOneBy(Queue, { isDefault: true });
    if (!queue)
      throw new ValidationFailedError([
        { field: 'draft.queueId', reason: `no queue ${draft.queueId}` },
      ]);

    return draftRuleSubject({
      subject: draft.title,
      body: draft.body ?? '',
      channel: draft.channel ?? 'api',
      customerId: customer?.id ?? null,
      organisationId: organisation?.id ?? null,
      organisationTier: organisation?.serviceTier ?? null,
      queueId: queue.id,
      type: draft.type ?? 'incident',
      tags: draft.tags ?? [],
      customFields: draft.customFields ?? {},
    });
  }
}
