import { SlaClockKind, TicketStateType } from '@deskflow/contracts';
import { BusinessCalendar } from '../business-time';
import { PolicyEntity } from '../policies/policy.entity';
import { StateLogEntry } from '../tickets/ticket-projection.entity';

/** A stretch of wall time during which a clock runs; `end` is Infinity while it still runs. */
export interface RunningSegment {
  start: number;
  end: number;
}

export const CLOSED_STATE_TYPES: readonly TicketStateType[] = ['resolved', 'closed', 'merged'];

/** Tells whether a state type ends a ticket's active life. */
export function isClosedStateType(stateType: TicketStateType): boolean {
  return CLOSED_STATE_TYPES.includes(stateType);
}

/**
 * Lists the state types during which a clock of this kind is paused under a policy. Closed
 * state types stop every clock, which matters when a reopen resumes the resolution clock.
 */
export function stoppingStateTypes(policy: PolicyEntity, kind: SlaClockKind): Set<TicketStateType> {
  const paused = policy.pausedClocks.includes(kind) ? policy.pauseStateTypes : [];

  return new Set<TicketStateType>([...paused, ...CLOSED_STATE_TYPES]);
}

/** Returns the state type in force at an instant, from the ticket's state log. */
function stateTypeAt(stateLog: StateLogEntry[], instant: number): TicketStateType {
  let stateType = stateLog[0].stateType;
  for (const entry of stateLog) {
    if (Date.parse(entry.at) > instant) break;
    stateType = entry.stateType;
  }

  return stateType;
}

/** Splits the time since `startedAt` into the segments in which the clock runs, from the ticket's state log. */
export function runningSegments(
  startedAt: number,
  stateLog: StateLogEntry[],
  stopping: Set<TicketStateType>,
): RunningSegment[] {
  const segments: RunningSegment[] = [];
  let openSince: number | null = stopping.has(stateTypeAt(stateLog, startedAt)) ? null : startedAt;
  for (const entry of stateLog) {
    const at = Date.parse(entry.at);
    if (at <= startedAt) continue;

    const runs = !stopping.has(entry.stateType);
    if (openSince !== null && !runs) {
      segments.push({ start: openSince, end: at });
      openSince = null;
    } else if (openSince === null && runs) {
      openSince = at;
    }
  }
  if (openSince !== null) segments.push({ start: openSince, end: Infinity });

  return segments;
}

/** Counts the business milliseconds the clock ran up to `until`. */
export function elapsedMillis(
  calendar: BusinessCalendar,
  segments: RunningSegment[],
  until: number,
): number {
  let total = 0;
  for (const segment of segments) {
    if (segment.start >= until) break;
    total += calendar.businessMillisBetween(segment.start, Math.min(segment.end, until));
  }

  return total;
}

/**
 * Returns the instant at which the clock reaches `targetMs` of business time, which may lie in
 * the past. Returns null when the clock is paused before reaching it.
 */
export function instantAtElapsed(
  calendar: BusinessCalendar,
  segments: RunningSegment[],
  targetMs: number,
): number | null {
  let remaining = targetMs;
  for (const segment of segments) {
    const available =
      segment.end === Infinity
        ? Infinity
        : calendar.businessMillisBetween(segment.start, segment.end);
    if (remaining <= available) return calendar.addBusinessMillis(segment.start, remaining);

    remaining -= available;
  }

  return null;
}

/** Tells whether the clock runs at the end of its segments, that is now. */
export function runsNow(segments: RunningSegment[]): boolean {
  return segments.length > 0 && segments[segments.length - 1].end === Infinity;
}
