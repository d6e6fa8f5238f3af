import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@deskflow/auth';
import { ClockEventEntity } from '../clocks/clock-event.entity';
import { UuidParam } from '../common/uuid-param';
import { ListSlaTicketsQuery, SlaTicketListItem, SlaTicketStatusView } from './sla-status.dto';
import { SlaStatusService } from './sla-status.service';

@ApiTags('sla-status')
@ApiBearerAuth()
@Controller('sla/tickets')
export class SlaStatusController {
  constructor(private readonly status: SlaStatusService) {}

  @Get()
  @Roles('admin', 'agent')
  list(
    @Query() query: ListSlaTicketsQuery,
  ): Promise<{ items: SlaTicketListItem[]; nextCursor: string | null }> {
    return this.status.list(query);
  }

  @Get(':ticketId')
  @Roles('admin', 'agent')
  get(@UuidParam('ticketId') ticketId: string): Promise<SlaTicketStatusView> {
    return this.status.status(ticketId);
  }

  @Get(':ticketId/history')
  @Roles('admin', 'agent')
  async history(@UuidParam('ticketId') ticketId: string): Promise<{ items: ClockEventEntity[] }> {
    return { items: await this.status.history(ticketId) };
  }
}
