import { plainStatus, promisedTime } from './plain-status';

describe('plainStatus', () => {
  it.each([
    ['new', 'Received'],
    ['open', 'In progress'],
    ['pending_reminder', 'In progress'],
    ['pending_customer', 'Waiting for you'],
    ['resolved', 'Resolved'],
    ['closed', 'Closed'],
  ] as const)('shows %s as %s', (stateType, status) => {
    expect(plainStatus(stateType)).toBe(status);
  });
});

describe('promisedTime', () => {
  const due = new Date('2026-11-16T16:00:00Z');
  const metAt = new Date('2026-11-16T10:00:00Z');

  it('is open while the clock runs', () => {
    expect(
      promisedTime({
        kind: 'first_response',
        status: 'running',
        due_at: due,
        met_at: null,
        breached: false,
      }),
    ).toEqual({
      dueAt: '2026-11-16T16:00:00.000Z',
      metAt: null,
      met: null,
    });
  });

  it('is kept when met on time and broken when met late', () => {
    expect(
      promisedTime({
        kind: 'resolution',
        status: 'met',
        due_at: due,
        met_at: metAt,
        breached: false,
      })?.met,
    ).toBe(true);
    expect(
      promisedTime({
        kind: 'resolution',
        status: 'met',
        due_at: due,
        met_at: metAt,
        breached: true,
      })?.met,
    ).toBe(false);
  });

  it('shows nothing for a missing or cancelled clock', () => {
    expect(promisedTime(undefined)).toBeNull();
    expect(
      promisedTime({
        kind: 'resolution',
        status: 'cancelled',
        due_at: null,
        met_at: null,
        breached: false,
      }),
    ).toBeNull();
  });
});
