import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '@deskflow/auth';
import { TicketAccessService } from '../access/ticket-access.service';
import { ReportQuery } from './dto/report.query';
import { loadBacklog, loadTicketFacts } from './report-data.loader';
import { reportPeriod } from './report-period';
import { buildTicketReport, ReportGroup } from './ticket-report';

export interface TicketReport {
  period: { from: string; to: string };
  hours: 'calendar' | 'business';
  calendar: { timeZone: string; workingHours: string; holidays: string[] };
  groupBy: string;
  groups: ReportGroup[];
  total: ReportGroup;
}

/** Desk performance over a period, over the tickets the caller may see. */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TicketAccessService,
  ) {}

  async tickets(actor: Actor, query: ReportQuery): Promise<TicketReport> {
    const period = reportPeriod(query);
    const facts = await loadTicketFacts(
      this.dataSource.manager,
      this.access,
      actor,
      period.from,
      period.to,
    );
    const options = {
      groupBy: query.groupBy ?? 'none',
      hours: query.hours ?? 'calendar',
      workingHours: period.workingHours,
    };
    const { groups, total } = buildTicketReport(facts, options);

    return {
      period: { from: period.from.toISOString(), to: period.to.toISOString() },
      hours: options.hours,
      calendar: {
        timeZone: period.workingHours.timeZone,
        workingHours:
          query.workingHours ?? process.env.REPORT_WORKING_HOURS ?? 'mon-fri 08:00-17:00',
        holidays: period.workingHours.holidays,
      },
      groupBy: options.groupBy,
      groups,
      total,
    };
  }

  async backlog(actor: Actor, query: ReportQuery): Promise<{ date: string; open: number }[]> {
    const period = reportPeriod(query);

    return loadBacklog(
      this.dataSource.manager,
      this.access,
      actor,
      period.from,
      period.to,
      period.workingHours.timeZone,
    );
  }
}
