import { Injectable, OnModuleInit } from '@nestjs/common';
import { FieldChange } from '@deskflow/contracts';
import { AppError } from '@deskflow/http';
import { rootLogger } from '@deskflow/observability';
import { ArticleWriter } from '../articles/article-writer.service';
import { SYSTEM_ACTOR } from '../common/ticket-actor';
import { HistoryService } from '../history/history.service';
import { TicketEventsPublisher } from '../tickets/ticket-events.publisher';
import { TicketHook, TicketHookContext, TicketHooks } from '../tickets/ticket-hooks';
import { TicketPatch, TicketPatcher } from '../tickets/ticket-patcher.service';
import { Ticket } from '../tickets/ticket.entity';
import { mergeFieldChanges } from './field-changes';
import { RuleActions, RuleDefinition } from './rule-model';
import { RuleApplication, RuleRun, runRules } from './rule-runner';
import { loadRuleSubject, openingBody } from './rule-subject.loader';
import { RulesService } from './rules.service';

/** Hook order: rules run before auto-assignment, so a rule's queue decides who gets the ticket. */
export const AUTOMATION_HOOK_ORDER = 100;

function patchOf(actions: RuleActions, tags: string[]): TicketPatch {
  const patch: TicketPatch = { tags };
  for (const key of ['impact', 'urgency', 'priority', 'queueId', 'type', 'ownerId'] as const) {
    if (actions[key] !== undefined) Object.assign(patch, { [key]: actions[key] });
  }

  return patch;
}

/**
 * Runs the automation rules when a ticket is created or updated, inside that transaction.
 * Each fired rule is applied through the ticket core's field rules (queue, owner membership,
 * custom fields), recorded in the history under its name, and its changes join the change's
 * own events. A rule whose actions the ticket rejects is recorded as failed and changes nothing.
 */
@Injectable()
export class AutomationService implements TicketHook, OnModuleInit {
  private readonly logger = rootLogger().child({ context: 'AutomationService' });

  constructor(
    private readonly hooks: TicketHooks,
    private readonly rules: RulesService,
    private readonly patcher: TicketPatcher,
    private readonly writer: ArticleWriter,
    private readonly history: HistoryService,
    private readonly events: TicketEventsPublisher,
  ) {}

  onModuleInit(): void {
    this.hooks.register(this, AUTOMATION_HOOK_ORDER);
  }

  async hasWork(context: TicketHookContext): Promise<boolean> {
    const definitions = await this.definitionsFor(context);
    if (definitions.length === 0) return false;
    if (context.trigger !== 'create') return true;

    // A creation that no rule fires on changes nothing here, so it needs no transaction.
    return (await this.evaluate(context, definitions)).applications.length > 0;
  }

  async afterChange(context: TicketHookContext): Promise<void> {
    const definitions = await this.definitionsFor(context);
    if (definitions.length === 0) return;

    const run = await this.evaluate(context, definitions);
    for (const application of run.applications) {
      await this.apply(context, application);
    }
  }

  /** The active rules, or none when no rule has the change's trigger. */
  private async definitionsFor(context: TicketHookContext): Promise<RuleDefinition[]> {
    const definitions = await this.rules.activeDefinitions(context.manager);

    return definitions.some((rule) => rule.triggers.includes(context.trigger)) ? definitions : [];
  }

  private async evaluate(
    context: TicketHookContext,
    definitions: RuleDefinition[],
  ): Promise<RuleRun> {
    const { manager, ticket, trigger } = context;
    const body =
      trigger === 'create' || context.bodyText !== ''
        ? context.bodyText
        : await openingBody(manager, ticket.id);
    const subject = await loadRuleSubject(manager, ticket, body);

    return runRules(subject, definitions, trigger, (pattern, flags, text) =>
      this.rules.sandbox.test(pattern, flags, text),
    );
  }

  private async apply(context: TicketHookContext, application: RuleApplication): Promise<void> {
    const { manager, ticket } = context;
    const rule = { id: application.rule.id, name: application.rule.name };
    const tags = application.changes.find((change) => change.field === 'tags')?.after as
      | string[]
      | undefined;
    let changes: FieldChange[];
    try {
      changes = await this.applyToCopy(
        context,
        patchOf(application.rule.actions, tags ?? ticket.tags),
      );
    } catch (error) {
      if (!(error instanceof AppError)) throw error;

      this.logger.warn(
        { ticketId: ticket.id, ruleId: rule.id, reason: error.message },
        'automation rule could not be applied',
      );
      await this.history.record(
        manager,
        ticket.id,
        'system',
        [{ field: 'automationRuleFailed', after: { ...rule, reason: error.message } }],
        context.now,
      );

      return;
    }
    mergeFieldChanges(context.changes, changes);
    const noteId = application.note ? await this.addNote(context, application.note) : undefined;
    await this.history.record(
      manager,
      ticket.id,
      'system',
      [
        {
          field: 'automationRule',
          after: { ...rule, trigger: context.trigger, changes, ...(noteId ? { noteId } : {}) },
        },
      ],
      context.now,
    );
  }

  /** Applies the patch to a copy first, so a rejected rule leaves the ticket untouched. */
  private async applyToCopy(
    context: TicketHookContext,
    patch: TicketPatch,
  ): Promise<FieldChange[]> {
    const copy = Object.assign(new Ticket(), context.ticket);
    const changes = await this.patcher.applyFields(
      context.manager,
      SYSTEM_ACTOR,
      copy,
      patch,
      context.now,
    );
    Object.assign(context.ticket, copy);

    return changes;
  }

  private async addNote(context: TicketHookContext, text: string): Promise<string> {
    const written = await this.writer.write(
      context.manager,
      context.ticket,
      {
        kind: 'note',
        senderType: 'system',
        visibility: 'internal',
        channel: context.ticket.channel,
        automatic: true,
        bodyText: text,
      },
      context.now,
    );
    await this.events.articleAdded(context.manager, SYSTEM_ACTOR, context.ticket, written.article);

    return written.article.id;
  }
}
