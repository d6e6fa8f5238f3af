import { TICKET_PRIORITIES } from '@deskflow/contracts';
import { DeskClient } from '../api/desk-client';
import { DemoTargets } from '../demo-settings';
import { BERLIN_FIXED_HOLIDAYS, movableHolidays } from './german-holidays';

export const BERLIN_CALENDAR = 'Berlin office hours';
export const ALWAYS_OPEN_CALENDAR = 'Around the clock (Berlin)';

interface Versioned {
  id: string;
  name: string;
  version: number;
}

export interface SeededSla {
  berlinCalendarId: string;
  alwaysOpenCalendarId: string;
  policyIds: string[];
}

function officeHours(): { weekday: number; start: string; end: string }[] {
  return [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '17:00' }));
}

/** Seeds both calendars and one policy per priority on the 24/7 calendar, with the demo's targets. */
export class SlaSeed {
  constructor(private readonly client: DeskClient) {}

  async seed(token: string, targets: DemoTargets): Promise<SeededSla> {
    const year = new Date().getUTCFullYear();
    const berlinCalendarId = await this.upsert(token, '/sla/calendars', {
      name: BERLIN_CALENDAR,
      timeZone: 'Europe/Berlin',
      intervals: officeHours(),
      recurringHolidays: BERLIN_FIXED_HOLIDAYS,
      holidays: movableHolidays([year, year + 1]),
    });
    const alwaysOpenCalendarId = await this.upsert(token, '/sla/calendars', {
      name: ALWAYS_OPEN_CALENDAR,
      timeZone: 'Europe/Berlin',
      alwaysOpen: true,
    });
    const policyIds: string[] = [];
    for (const [index, priority] of TICKET_PRIORITIES.entries()) {
      policyIds.push(
        await this.upsert(token, '/sla/policies', {
          name: `Demo ${priority}`,
          position: index,
          priorities: [priority],
          calendarId: alwaysOpenCalendarId,
          firstResponseMinutes: targets.firstResponseMinutes,
          resolutionMinutes: targets.resolutionMinutes,
          warnings: [{ percent: targets.warningPercent }],
          active: true,
        }),
      );
    }

    return { berlinCalendarId, alwaysOpenCalendarId, policyIds };
  }

  /** Creates the record, or brings an existing one of the same name up to date (with If-Match). */
  private async upsert(
    token: string,
    path: string,
    body: { name: string; [field: string]: unknown },
  ): Promise<string> {
    const { items } = await this.client.get<{ items: Versioned[] }>('sla', path, token);
    const known = items.find((item) => item.name === body.name);
    if (!known) return (await this.client.post<Versioned>('sla', path, token, body)).id;

    await this.client.call('sla', 'PATCH', `${path}/${known.id}`, {
      token,
      body,
      headers: { 'if-match': `"${known.version}"` },
    });

    return known.id;
  }
}
