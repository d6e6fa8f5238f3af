import {
  allowedStates,
  assertTransition,
  InvalidTransitionError,
  resolvePendingUntil,
  TicketMergedError,
} from './ticket-states';

describe('ticket states', () => {
  const now = new Date('2026-11-16T09:00:00Z');

  it('names the allowed targets of an invalid transition', () => {
    expect(() => assertTransition('1', 'closed', 'resolved', null)).toThrow(InvalidTransitionError);
    expect(() => assertTransition('1', 'closed', 'resolved', null)).toThrow(
      /allowed: open, in_progress/,
    );
  });

  it('rejects every change of a merged ticket', () => {
    expect(() => assertTransition('1', 'merged', 'open', 'x')).toThrow(TicketMergedError);
  });

  it('never offers merged as a target', () => {
    for (const from of [
      'new',
      'open',
      'pending_reminder',
      'pending_customer',
      'resolved',
      'closed',
    ] as const) {
      expect(allowedStates(from)).not.toContain('merged');
    }
  });

  it('requires a future pending time for pending_reminder', () => {
    expect(() => resolvePendingUntil('pending_reminder', undefined, now)).toThrow(
      /pendingUntil: required/,
    );
    expect(() =>
      resolvePendingUntil('pending_reminder', new Date('2026-11-16T08:00:00Z'), now),
    ).toThrow(/future/);
    expect(resolvePendingUntil('pending_reminder', new Date('2026-11-20T08:00:00Z'), now)).toEqual(
      new Date('2026-11-20T08:00:00Z'),
    );
  });

  it('keeps the pending time optional for pending_customer and rejects it for open', () => {
    expect(resolvePendingUntil('pending_customer', undefined, now)).toBeNull();
    expect(() => resolvePendingUntil('open', new Date('2026-11-20T08:00:00Z'), now)).toThrow(
      /pendingUntil/,
    );
  });
});
