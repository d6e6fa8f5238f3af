import { ServiceHarness } from '@deskflow/testing';
import { ManualTimeSource } from '../time/time-source';
import { ADMIN, AGENT, OFFICE_HOURS_8_TO_17, startSla } from '../../test/sla-test-kit';

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];

describe('calendar and policy API', () => {
  const time = new ManualTimeSource(new Date('2026-11-16T08:00:00Z'));
  let harness: ServiceHarness;
  let adminToken: string;
  let agentToken: string;

  beforeAll(async () => {
    harness = await startSla(time);
    adminToken = await harness.tokenFor(ADMIN);
    agentToken = await harness.tokenFor(AGENT);
  });

  afterAll(async () => {
    await harness.close();
  });

  async function createCalendar(body: object) {
    return harness.request('POST', '/api/v1/sla/calendars', { token: adminToken, body });
  }

  async function compute(calendarId: string, body: object) {
    return harness.request('POST', `/api/v1/sla/calendars/${calendarId}/compute`, {
      token: agentToken,
      body,
    });
  }

  it('computes due times for office hours', async () => {
    const office = await createCalendar({ name: 'office 8-17', ...OFFICE_HOURS_8_TO_17 });
    expect(office.status).toBe(201);

    const rows: Array<[string, number, string]> = [
      ['2026-11-13T17:30:00+01:00', 480, '2026-11-16T15:00:00.000Z'],
      ['2026-11-13T16:30:00+01:00', 480, '2026-11-16T14:30:00.000Z'],
      ['2026-11-16T09:00:00+01:00', 480, '2026-11-16T16:00:00.000Z'],
      ['2026-11-14T12:00:00+01:00', 60, '2026-11-16T08:00:00.000Z'],
      ['2026-03-27T15:00:00+01:00', 240, '2026-03-30T08:00:00.000Z'],
      ['2026-10-23T15:00:00+02:00', 240, '2026-10-26T09:00:00.000Z'],
    ];
    for (const [start, durationMinutes, dueAt] of rows) {
      const response = await compute(office.body.id, { start, durationMinutes });
      expect(response.body).toEqual({ dueAt, businessSeconds: durationMinutes * 60 });
    }

    const counted = await compute(office.body.id, {
      start: '2026-03-27T15:00:00+01:00',
      end: '2026-03-30T10:00:00+02:00',
    });
    expect(counted.body).toEqual({ businessSeconds: 14400 });
  });

  it('treats 24:00 and the 24/7 flag alike', async () => {
    const flag = await createCalendar({
      name: 'always',
      timeZone: 'Europe/Berlin',
      alwaysOpen: true,
    });
    const midnight = await createCalendar({
      name: 'every day to 24:00',
      timeZone: 'Europe/Berlin',
      intervals: EVERY_DAY.map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
    });

    for (const calendar of [flag, midnight]) {
      expect(
        (
          await compute(calendar.body.id, {
            start: '2026-11-16T20:00:00+01:00',
            durationMinutes: 480,
          })
        ).body.dueAt,
      ).toBe('2026-11-17T03:00:00.000Z');
      expect(
        (
          await compute(calendar.body.id, {
            start: '2026-11-16T20:00:00+01:00',
            durationMinutes: 4320,
          })
        ).body.dueAt,
      ).toBe('2026-11-19T19:00:00.000Z');
      expect(
        (
          await compute(calendar.body.id, {
            start: '2026-03-28T22:00:00+01:00',
            durationMinutes: 480,
          })
        ).body.dueAt,
      ).toBe('2026-03-29T05:00:00.000Z');
      expect(
        (
          await compute(calendar.body.id, {
            start: '2026-10-24T22:00:00+02:00',
            durationMinutes: 480,
          })
        ).body.dueAt,
      ).toBe('2026-10-25T04:00:00.000Z');
    }
  });

  it('computes overnight shifts', async () => {
    const night = await createCalendar({
      name: 'night shift',
      timeZone: 'Europe/Berlin',
      intervals: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '22:00', end: '06:00' })),
    });

    expect(
      (await compute(night.body.id, { start: '2026-11-13T05:00:00+01:00', durationMinutes: 240 }))
        .body.dueAt,
    ).toBe('2026-11-14T00:00:00.000Z');
    expect(
      (await compute(night.body.id, { start: '2026-11-14T03:00:00+01:00', durationMinutes: 240 }))
        .body.dueAt,
    ).toBe('2026-11-16T22:00:00.000Z');
  });

  it('rejects bad calendars naming the field', async () => {
    const badZone = await createCalendar({
      name: 'bad zone',
      timeZone: 'Mars/Base',
      alwaysOpen: true,
    });
    expect(badZone.status).toBe(400);
    expect(badZone.body.details).toEqual([{ field: 'timeZone', reason: expect.any(String) }]);

    const badEnd = await createCalendar({
      name: 'bad end',
      timeZone: 'UTC',
      intervals: [{ weekday: 1, start: '08:00', end: '24:30' }],
    });
    expect(badEnd.status).toBe(400);
    expect(badEnd.body.details[0].field).toBe('intervals.0.end');

    const empty = await createCalendar({ name: 'empty', timeZone: 'UTC' });
    expect(empty.body.details).toEqual([{ field: 'intervals', reason: expect.any(String) }]);

    const unknownField = await createCalendar({
      name: 'extra',
      timeZone: 'UTC',
      alwaysOpen: true,
      colour: 'red',
    });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.details[0].field).toBe('colour');

    const badHoliday = await createCalendar({
      name: 'bad holiday',
      timeZone: 'UTC',
      alwaysOpen: true,
      holidays: ['2026-02-30'],
    });
    expect(badHoliday.body.details).toEqual([{ field: 'holidays.0', reason: expect.any(String) }]);
  });

  it('rejects bad compute requests', async () => {
    const calendar = await createCalendar({
      name: 'compute checks',
      timeZone: 'UTC',
      alwaysOpen: true,
    });

    const both = await compute(calendar.body.id, {
      start: '2026-11-16T08:00:00Z',
      durationMinutes: 5,
      end: '2026-11-16T09:00:00Z',
    });
    expect(both.status).toBe(400);
    const badStart = await compute(calendar.body.id, { start: 'yesterday', durationMinutes: 5 });
    expect(badStart.body.details[0].field).toBe('start');
    const badId = await compute('not-a-uuid', {
      start: '2026-11-16T08:00:00Z',
      durationMinutes: 5,
    });
    expect(badId.body.details).toEqual([{ field: 'id', reason: 'must be a UUID' }]);
  });

  it('rejects an end before the start', async () => {
    const calendar = await createCalendar({
      name: 'reversed range',
      timeZone: 'UTC',
      alwaysOpen: true,
    });

    const reversed = await compute(calendar.body.id, {
      start: '2026-11-16T09:00:00Z',
      end: '2026-11-16T08:00:00Z',
    });
    expect(reversed.status).toBe(400);
    expect(reversed.body.error).toBe('validation_failed');
    expect(reversed.body.details).toEqual([{ field: 'end', reason: 'must not be before start' }]);

    const acrossOffsets = await compute(calendar.body.id, {
      start: '2026-11-16T09:00:00+01:00',
      end: '2026-11-16T08:30:00Z',
    });
    expect(acrossOffsets.status).toBe(200);
    expect(acrossOffsets.body).toEqual({ businessSeconds: 1800 });

    const empty = await compute(calendar.body.id, {
      start: '2026-11-16T09:00:00Z',
      end: '2026-11-16T09:00:00Z',
    });
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ businessSeconds: 0 });
  });

  it('lets agents read but not write', async () => {
    const write = await harness.request('POST', '/api/v1/sla/calendars', {
      token: agentToken,
      body: { name: 'agent', timeZone: 'UTC', alwaysOpen: true },
    });
    expect(write.status).toBe(403);
    const read = await harness.request('GET', '/api/v1/sla/calendars', { token: agentToken });
    expect(read.status).toBe(200);
    const anonymous = await harness.request('GET', '/api/v1/sla/calendars');
    expect(anonymous.status).toBe(401);
  });

  it('rejects a stale If-Match with 412', async () => {
    const calendar = await createCalendar({ name: 'versioned', timeZone: 'UTC', alwaysOpen: true });
    const etag = calendar.headers.get('etag')!;

    const first = await harness.request('PATCH', `/api/v1/sla/calendars/${calendar.body.id}`, {
      token: adminToken,
      body: { holidays: ['2026-12-24'] },
      headers: { 'if-match': etag },
    });
    expect(first.status).toBe(200);
    const stale = await harness.request('PATCH', `/api/v1/sla/calendars/${calendar.body.id}`, {
      token: adminToken,
      body: { holidays: [] },
      headers: { 'if-match': etag },
    });
    expect(stale.status).toBe(412);
  });

  it('validates policies and allows one default', async () => {
    const calendar = await createCalendar({
      name: 'policy calendar',
      timeZone: 'UTC',
      alwaysOpen: true,
    });
    const policies = '/api/v1/sla/policies';

    const missingCalendar = await harness.request('POST', policies, {
      token: adminToken,
      body: { name: 'p0', calendarId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(missingCalendar.body.details).toEqual([
      { field: 'calendarId', reason: expect.any(String) },
    ]);
    const badWarning = await harness.request('POST', policies, {
      token: adminToken,
      body: {
        name: 'p1',
        calendarId: calendar.body.id,
        warnings: [{ percent: 80, leadMinutes: 10 }],
      },
    });
    expect(badWarning.body.details).toEqual([{ field: 'warnings.0', reason: expect.any(String) }]);
    const badPriority = await harness.request('POST', policies, {
      token: adminToken,
      body: { name: 'p2', calendarId: calendar.body.id, priorities: ['urgent'] },
    });
    expect(badPriority.body.details[0].field).toBe('priorities.0');

    const first = await harness.request('POST', policies, {
      token: adminToken,
      body: { name: 'default A', calendarId: calendar.body.id, isDefault: true },
    });
    expect(first.status).toBe(201);
    expect(first.body).toEqual(
      expect.objectContaining({
        warnings: [{ percent: 80 }],
        pauseStateTypes: ['pending_reminder', 'pending_customer'],
        publicNotesCount: false,
        resumeOnReopen: false,
      }),
    );
    const second = await harness.request('POST', policies, {
      token: adminToken,
      body: { name: 'default B', calendarId: calendar.body.id, isDefault: true },
    });
    expect(second.status).toBe(409);
    expect(second.body.details).toEqual([{ field: 'isDefault', reason: expect.any(String) }]);

    const inUse = await harness.request('DELETE', `/api/v1/sla/calendars/${calendar.body.id}`, {
      token: adminToken,
      headers: { 'if-match': calendar.headers.get('etag')! },
    });
    expect(inUse.status).toBe(409);
  });

  it('requires If-Match on calendar and policy writes', async () => {
    const calendar = await createCalendar({
      name: 'unconditional',
      timeZone: 'UTC',
      alwaysOpen: true,
    });
    const policy = await harness.request('POST', '/api/v1/sla/policies', {
      token: adminToken,
      body: { name: 'unconditional', calendarId: calendar.body.id },
    });
    const writes = [
      ['PATCH', `/api/v1/sla/calendars/${calendar.body.id}`, { holidays: [] }],
      ['DELETE', `/api/v1/sla/calendars/${calendar.body.id}`, undefined],
      ['PATCH', `/api/v1/sla/policies/${policy.body.id}`, { resolutionMinutes: 60 }],
      ['DELETE', `/api/v1/sla/policies/${policy.body.id}`, undefined],
    ] as const;

    for (const [method, path, body] of writes) {
      const response = await harness.request(method, path, { token: adminToken, body });
      expect({ method, path, status: response.status }).toEqual({ method, path, status: 428 });
      expect(response.body.details).toEqual([{ field: 'If-Match', reason: expect.any(String) }]);
    }
    const unchanged = await harness.request('GET', `/api/v1/sla/policies/${policy.body.id}`, {
      token: agentToken,
    });
    expect(unchanged.body.resolutionMinutes).toBeNull();

    const wildcard = await harness.request('PATCH', `/api/v1/sla/policies/${policy.body.id}`, {
      token: adminToken,
      body: { resolutionMinutes: 60 },
      headers: { 'if-match': '*' },
    });
    expect(wildcard.status).toBe(200);
  });

  it('compares If-Match lists strongly and rejects malformed ones', async () => {
    const calendar = await createCalendar({
      name: 'conditions',
      timeZone: 'UTC',
      alwaysOpen: true,
    });
    const etag = calendar.headers.get('etag')!;
    const patch = (ifMatch: string) =>
      harness.request('PATCH', `/api/v1/sla/calendars/${calendar.body.id}`, {
        token: adminToken,
        body: { holidays: [] },
        headers: { 'if-match': ifMatch },
      });

    const weak = await patch(`W/${etag}`);
    const malformed = await patch('3');
    const listed = await patch(`"999", ${etag}`);

    expect(weak.status).toBe(412);
    expect(malformed.status).toBe(400);
    expect(malformed.body.details[0].field).toBe('If-Match');
    expect(listed.status).toBe(200);
  });

  it('deletes a calendar without a body', async () => {
    const calendar = await createCalendar({
      name: 'deleted with JSON header',
      timeZone: 'UTC',
      alwaysOpen: true,
    });

    const removed = await harness.request('DELETE', `/api/v1/sla/calendars/${calendar.body.id}`, {
      token: adminToken,
      headers: { 'content-type': 'application/json', 'if-match': calendar.headers.get('etag')! },
    });
    const read = await harness.request('GET', `/api/v1/sla/calendars/${calendar.body.id}`, {
      token: adminToken,
    });

    expect(removed.status).toBe(204);
    expect(read.status).toBe(404);
  });
});
