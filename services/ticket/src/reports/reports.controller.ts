import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, CurrentActor, Roles } from '@deskflow/auth';
import { ReportQuery } from './dto/report.query';
import { backlogToCsv, reportToCsv } from './report-csv';
import { ReportsService, TicketReport } from './reports.service';

@ApiTags('reports')
@ApiBearerAuth()
@Roles('admin', 'agent')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** Response and resolution times, SLA compliance, reopen rate and satisfaction; `format=csv` for CSV. */
  @Get('tickets')
  async tickets(
    @Query() query: ReportQuery,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TicketReport | string> {
    const report = await this.reports.tickets(actor, query);
    if (query.format !== 'csv') return report;

    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', 'attachment; filename="ticket-report.csv"');

    return reportToCsv(report.groups, report.total);
  }

  /** Tickets open at the end of each day of the period; `format=csv` for CSV. */
  @Get('backlog')
  async backlog(
    @Query() query: ReportQuery,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ days: { date: string; open: number }[] } | string> {
    const days = await this.reports.backlog(actor, query);
    if (query.format !== 'csv') return { days };

    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', 'attachment; filename="backlog.csv"');

    return backlogToCsv(days);
  }
}
