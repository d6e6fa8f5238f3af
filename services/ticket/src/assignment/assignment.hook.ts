import { Injectable, OnModuleInit } from '@nestjs/common';
import { TicketStateType } from '@deskflow/contracts';
import { mergeFieldChanges } from '../automation/field-changes';
import { SYSTEM_ACTOR } from '../common/ticket-actor';
import { HistoryService } from '../history/history.service';
import { TicketHook, TicketHookContext, TicketHooks } from '../tickets/ticket-hooks';
import { TicketPatcher } from '../tickets/ticket-patcher.service';
import { AssignmentService } from './assignment.service';

/** Runs after the automation rules, so that the queue a rule chose decides the owner. */
export const ASSIGNMENT_HOOK_ORDER = 200;

const ASSIGNABLE_STATES: TicketStateType[] = ['new', 'open'];

/** Gives an unowned ticket an owner when it is created in, or moved to, an auto-assigning queue. */
@Injectable()
export class AssignmentHook implements TicketHook, OnModuleInit {
  constructor(
    private readonly hooks: TicketHooks,
    private readonly assignment: AssignmentService,
    private readonly patcher: TicketPatcher,
    private readonly history: HistoryService,
  ) {}

  onModuleInit(): void {
    this.hooks.register(this, ASSIGNMENT_HOOK_ORDER);
  }

  async hasWork(context: TicketHookContext): Promise<boolean> {
    const { ticket } = context;
    const movedQueue = context.changes.some((change) => change.field === 'queueId');
    if (ticket.ownerId || !ASSIGNABLE_STATES.includes(ticket.stateType)) return false;
    if (context.trigger === 'update' && !movedQueue) return false;

    return this.assignment.autoAssigns(context.manager, ticket.queueId);
  }

  async afterChange(context: TicketHookContext): Promise<void> {
    if (!(await this.hasWork(context))) return;

    const { manager, ticket } = context;
    const choice = await this.assignment.chooseOwner(manager, ticket.queueId);
    if (!choice) return;

    const changes = await this.patcher.applyFields(
      manager,
      SYSTEM_ACTOR,
      ticket,
      { ownerId: choice.agentId },
      context.now,
    );
    mergeFieldChanges(context.changes, changes);
    await this.history.record(
      manager,
      ticket.id,
      'system',
      [
        {
          field: 'autoAssigned',
          after: { agentId: choice.agentId, mode: choice.mode, queueId: ticket.queueId },
        },
      ],
      context.now,
    );
  }
}
