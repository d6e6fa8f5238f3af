import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SlaClockKind } from '@deskflow/contracts';
import { AlertPlanner, PlannedAlert } from '../alerts/alert-planner';
import { BusinessCalendar } from '../business-time';
import { CalendarRegistry } from '../calendars/calendar-registry';
import { PolicyEntity, targetSecondsOf } from '../policies/policy.entity';
import { PolicyMatcher } from '../policies/policy-matcher';
import { TimeSource } from '../time/time-source';
import { TicketProjectionEntity } from '../tickets/ticket-projection.entity';
import { ClockJournal } from './clock-journal';
import { CancelReason, ClockEntity, isActiveClock } from './clock.entity';
import {
  elapsedMillis,
  instantAtElapsed,
  isClosedStateType,
  runningSegments,
  runsNow,
  stoppingStateTypes,
} from './clock-timeline';
import { warningThresholds } from './warning-thresholds';

/** Everything the engine needs about one ticket while it applies a change, inside one transaction. */
export interface TicketContext {
  manager: EntityManager;
  ticket: TicketProjectionEntity;
  policy: PolicyEntity | null;
  calendar: BusinessCalendar | null;
  clocks: ClockEntity[];
  /** Set when a due time or status changed, so that `sla.applied` goes out. */
  changed: boolean;
}

export interface RefreshOptions {
  force?: boolean;
}

interface ClockSchedule {
  status: 'running' | 'paused';
  dueAt: Date | null;
  warnAt: Date | null;
  alerts: PlannedAlert[];
}

/** Restarting after these reasons is allowed when a later re-match finds a target again. */
const RESTARTABLE: readonly CancelReason[] = ['no_policy', 'no_target'];

function isRestartable(clock: ClockEntity): boolean {
  return clock.status === 'cancelled' && RESTARTABLE.includes(clock.cancelReason!);
}

/** Starts, pauses, resumes, meets, cancels and reschedules a ticket's clocks. */
@Injectable()
export class ClockEngine {
  constructor(
    private readonly calendars: CalendarRegistry,
    private readonly matcher: PolicyMatcher,
    private readonly planner: AlertPlanner,
    private readonly journal: ClockJournal,
    private readonly time: TimeSource,
  ) {}

  async context(manager: EntityManager, ticket: TicketProjectionEntity): Promise<TicketContext> {
    const policy = ticket.policyId
      ? await manager.findOneBy(PolicyEntity, { id: ticket.policyId })
      : null;
    const calendar = policy ? await this.calendars.load(manager, policy.calendarId) : null;
    const clocks = await manager.find(ClockEntity, {
      where: { ticketId: ticket.ticketId },
      order: { cycle: 'ASC' },
    });

    return { manager, ticket, policy, calendar, clocks, changed: false };
  }

  /** Starts the context of a ticket seen for the first time, which has no policy and no clocks yet. */
  newContext(manager: EntityManager, ticket: TicketProjectionEntity): TicketContext {
    return { manager, ticket, policy: null, calendar: null, clocks: [], changed: false };
  }

  latest(context: TicketContext, kind: SlaClockKind): ClockEntity | undefined {
    return context.clocks.filter((clock) => clock.kind === kind).at(-1);
  }

  /** Re-matches the policy and recomputes every active clock from its start, keeping paused time. */
  async rematch(context: TicketContext, at: Date): Promise<void> {
    const policy = await this.matcher.match(context.manager, context.ticket);
    context.policy = policy;
    context.calendar = policy
      ? await this.calendars.load(context.manager, policy.calendarId)
      : null;
    context.ticket.policyId = policy?.id ?? null;

    for (const clock of context.clocks.filter(isActiveClock)) {
      const target = policy ? targetSecondsOf(policy, clock.kind) : null;
      if (!policy || target === null) {
        await this.cancel(context, clock, at, policy ? 'no_target' : 'no_policy');
        continue;
      }
      clock.policyId = policy.id;
      clock.calendarId = policy.calendarId;
      clock.targetSeconds = target;
      await this.refresh(context, clock, at, { force: true });
    }
    await this.startMissingClocks(context);
  }

  async startClock(context: TicketContext, kind: SlaClockKind, startedAt: Date): Promise<void> {
    const target = context.policy ? targetSecondsOf(context.policy, kind) : null;
    if (!context.policy || !context.calendar || target === null) return;

    const previous = this.latest(context, kind);
    const clock = context.manager.create(ClockEntity, {
      id: randomUUID(),
      ticketId: context.ticket.ticketId,
      kind,
      cycle: (previous?.cycle ?? 0) + 1,
      policyId: context.policy.id,
      calendarId: context.policy.calendarId,
      targetSeconds: target,
      startedAt,
      metAt: null,
      businessSeconds: null,
      breached: false,
      cancelReason: null,
    });
    const schedule = this.schedule(context, clock);
    Object.assign(clock, {
      status: schedule.status,
      dueAt: schedule.dueAt,
      warnAt: schedule.warnAt,
    });
    await context.manager.insert(ClockEntity, clock);
    context.clocks.push(clock);
    await this.planner.add(context.manager, clock.id, clock.ticketId, schedule.alerts);
    await this.journal.record(context.manager, clock, 'started', startedAt, {
      policyId: clock.policyId,
      targetSeconds: clock.targetSeconds,
      dueAt: clock.dueAt,
    });
    if (clock.status === 'paused')
      await this.journal.record(context.manager, clock, 'paused', startedAt);
    context.changed = true;
  }

  /**
   * Recomputes status, due time and alerts of an active clock from the ticket's state log.
   * `force` saves the clock even when nothing moved (its policy changed).
   */
  async refresh(
    context: TicketContext,
    clock: ClockEntity,
    at: Date,
    options: RefreshOptions = {},
  ): Promise<void> {
    if (!context.policy || !context.calendar || !isActiveClock(clock)) return;

    const schedule = this.schedule(context, clock);
    const statusChanged = schedule.status !== clock.status;
    const dueChanged =
      (clock.dueAt?.getTime() ?? null) !== (schedule.dueAt?.getTime() ?? null) ||
      (clock.warnAt?.getTime() ?? null) !== (schedule.warnAt?.getTime() ?? null);
    if (!statusChanged && !dueChanged && !options.force) return;

    Object.assign(clock, {
      status: schedule.status,
      dueAt: schedule.dueAt,
      warnAt: schedule.warnAt,
    });
    await this.persist(context, clock);
    await this.planner.replace(context.manager, clock.id, clock.ticketId, schedule.alerts);
    if (statusChanged) {
      await this.journal.record(
        context.manager,
        clock,
        clock.status === 'paused' ? 'paused' : 'resumed',
        at,
      );
    } else if (dueChanged) {
      await this.journal.record(context.manager, clock, 'rescheduled', at, {
        dueAt: clock.dueAt,
        policyId: clock.policyId,
      });
    }
    context.changed ||= statusChanged || dueChanged;
  }

  async meet(context: TicketContext, clock: ClockEntity, at: Date): Promise<void> {
    if (!isActiveClock(clock)) return;

    const elapsed = this.elapsedAt(context, clock, at);
    clock.status = 'met';
    clock.metAt = at;
    clock.warnAt = null;
    clock.businessSeconds = Math.floor(elapsed / 1000);
    clock.breached ||= elapsed > clock.targetSeconds * 1000;
    await this.persist(context, clock);
    await this.planner.clear(context.manager, clock.id);
    await this.journal.recordMet(context.manager, clock);
    context.changed = true;
  }

  async cancel(
    context: TicketContext,
    clock: ClockEntity,
    at: Date,
    reason: CancelReason,
  ): Promise<void> {
    if (!isActiveClock(clock)) return;

    clock.status = 'cancelled';
    clock.dueAt = null;
    clock.warnAt = null;
    clock.cancelReason = reason;
    await this.persist(context, clock);
    await this.planner.clear(context.manager, clock.id);
    await this.journal.record(context.manager, clock, 'cancelled', at, { reason });
    context.changed = true;
  }

  /** Turns a met resolution clock back into a running one; the time spent resolved does not count. */
  async resume(context: TicketContext, clock: ClockEntity, at: Date): Promise<void> {
    if (clock.status !== 'met') return;

    clock.status = 'paused';
    clock.metAt = null;
    clock.businessSeconds = null;
    await this.persist(context, clock);
    await this.refresh(context, clock, at, { force: true });
  }

  /** Counts the business milliseconds an active clock ran up to `at`. */
  elapsedAt(context: TicketContext, clock: ClockEntity, at: Date): number {
    const { policy, calendar } = context;
    if (!policy || !calendar) return 0;

    const segments = runningSegments(
      clock.startedAt.getTime(),
      context.ticket.stateLog,
      stoppingStateTypes(policy, clock.kind),
    );

    return elapsedMillis(calendar, segments, at.getTime());
  }

  /** Writes the mutable fields of a clock with one UPDATE. */
  private async persist(context: TicketContext, clock: ClockEntity): Promise<void> {
    await context.manager.update(
      ClockEntity,
      { id: clock.id },
      {
        policyId: clock.policyId,
        calendarId: clock.calendarId,
        targetSeconds: clock.targetSeconds,
        status: clock.status,
        dueAt: clock.dueAt,
        warnAt: clock.warnAt,
        metAt: clock.metAt,
        businessSeconds: clock.businessSeconds,
        breached: clock.breached,
        cancelReason: clock.cancelReason,
      },
    );
  }

  private async startMissingClocks(context: TicketContext): Promise<void> {
    if (isClosedStateType(context.ticket.stateType)) return;

    for (const kind of ['first_response', 'resolution'] as const) {
      const latest = this.latest(context, kind);
      const answered = kind === 'first_response' && context.ticket.firstResponseAt !== null;
      if ((!latest || isRestartable(latest)) && !answered) {
        await this.startClock(context, kind, context.ticket.startedAt);
      }
    }
    await this.restartNextResponse(context);
  }

  /**
   * Restarts a next-response clock that was cancelled for lack of a policy or target while the
   * customer waited. It runs from the same customer message, unless an agent has replied since.
   */
  private async restartNextResponse(context: TicketContext): Promise<void> {
    const latest = this.latest(context, 'next_response');
    if (!latest || !isRestartable(latest)) return;

    const lastResponseAt = context.ticket.lastResponseAt;
    if (lastResponseAt && lastResponseAt >= latest.startedAt) return;

    await this.startClock(context, 'next_response', latest.startedAt);
  }

  /** Computes an active clock's current status (running or paused), due time and alerts. */
  private schedule(context: TicketContext, clock: ClockEntity): ClockSchedule {
    const segments = runningSegments(
      clock.startedAt.getTime(),
      context.ticket.stateLog,
      stoppingStateTypes(context.policy!, clock.kind),
    );
    const dueMs = instantAtElapsed(context.calendar!, segments, clock.targetSeconds * 1000);
    const status = runsNow(segments) ? 'running' : 'paused';
    const alerts =
      status === 'running' && dueMs !== null
        ? this.planAlerts(context, segments, clock, dueMs)
        : [];
    const warnAt = alerts.find((alert) => alert.alertType === 'warning')?.dueAt ?? null;

    return { status, dueAt: dueMs === null ? null : new Date(dueMs), warnAt, alerts };
  }

  private planAlerts(
    context: TicketContext,
    segments: ReturnType<typeof runningSegments>,
    clock: ClockEntity,
    dueMs: number,
  ): PlannedAlert[] {
    const alerts: PlannedAlert[] = [
      { thresholdKey: 'breach', alertType: 'breach', dueAt: new Date(dueMs) },
    ];
    // A warning for a clock that is already due adds nothing to its breach alert.
    if (dueMs <= this.time.now().getTime()) return alerts;

    for (const threshold of warningThresholds(context.policy!, clock.targetSeconds)) {
      const warnMs = instantAtElapsed(context.calendar!, segments, threshold.offsetSeconds * 1000);
      if (warnMs !== null && warnMs < dueMs) {
        alerts.push({ thresholdKey: threshold.key, alertType: 'warning', dueAt: new Date(warnMs) });
      }
    }
    alerts.sort((left, right) => left.dueAt.getTime() - right.dueAt.getTime());

    return alerts;
  }
}
