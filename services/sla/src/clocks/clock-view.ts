import { SLA_CLOCK_KINDS, SlaClockStatus, SlaClockView } from '@deskflow/contracts';
import { ClockEntity } from './clock.entity';

/** Tells whether a running clock is past its due time at `now`. */
export function isOverdue(clock: ClockEntity, now: Date): boolean {
  return (
    clock.status === 'running' && clock.dueAt !== null && clock.dueAt.getTime() <= now.getTime()
  );
}

/** Returns the status shown to consumers: a running clock past its due time shows as breached. */
export function shownStatus(clock: ClockEntity, now: Date): SlaClockStatus {
  if (clock.status === 'running' && (clock.breached || isOverdue(clock, now))) return 'breached';

  return clock.status;
}

export function toClockView(clock: ClockEntity, now: Date): SlaClockView {
  return {
    kind: clock.kind,
    status: shownStatus(clock, now),
    dueAt: clock.dueAt?.toISOString() ?? null,
    warnAt: clock.warnAt?.toISOString() ?? null,
    metAt: clock.metAt?.toISOString() ?? null,
    breached: clock.breached || isOverdue(clock, now),
    targetSeconds: clock.targetSeconds,
  };
}

/** Picks the newest clock of each kind, which is what a ticket's SLA currently consists of. */
export function currentClocks(clocks: ClockEntity[]): ClockEntity[] {
  return SLA_CLOCK_KINDS.flatMap((kind) => {
    const ofKind = clocks.filter((clock) => clock.kind === kind);
    if (ofKind.length === 0) return [];

    return [ofKind.reduce((newest, clock) => (clock.cycle > newest.cycle ? clock : newest))];
  });
}
