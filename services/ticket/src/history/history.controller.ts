import { Controller, Get, Param } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Actor, CurrentActor, Roles } from '@deskflow/auth';
import { TicketAccessService } from '../access/ticket-access.service';
import { TicketRefPipe } from '../common/uuid-param.pipe';
import { HistoryService } from './history.service';
import { TicketHistory } from './ticket-history.entity';

@ApiTags('tickets')
@ApiBearerAuth()
@Roles('admin', 'agent', 'integration')
@Controller('tickets/:ticketId/history')
export class HistoryController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TicketAccessService,
    private readonly history: HistoryService,
  ) {}

  @Get()
  async list(
    @Param('ticketId', new TicketRefPipe()) ticketId: string,
    @CurrentActor() actor: Actor,
  ): Promise<TicketHistory[]> {
    this.access.requireScope(actor, 'tickets:read');
    const ticket = await this.access.findVisible(this.dataSource.manager, actor, ticketId);

    return this.history.list(this.dataSource.manager, ticket.id);
  }
}
