import { Controller, Get, Param } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Actor, CurrentActor } from '@deskflow/auth';
import { TicketAccessService } from '../access/ticket-access.service';
import { TicketRefPipe } from '../common/uuid-param.pipe';
import { SlaProjectionService } from './sla-projection.service';

export interface SlaClockView {
  kind: string;
  status: string;
  dueAt: string | null;
  metAt: string | null;
  breached: boolean;
  policyName: string | null;
}

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets/:ticketId/sla')
export class SlaProjectionController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TicketAccessService,
    private readonly projection: SlaProjectionService,
  ) {}

  /** The promised response and resolution times of a ticket, as the SLA service last reported them. */
  @Get()
  async clocks(
    @Param('ticketId', new TicketRefPipe()) ticketId: string,
    @CurrentActor() actor: Actor,
  ): Promise<SlaClockView[]> {
    this.access.requireScope(actor, 'tickets:read');
    const ticket = await this.access.findVisible(this.dataSource.manager, actor, ticketId);
    const clocks = await this.projection.clocks(this.dataSource.manager, ticket.id);

    return clocks.map((clock) => ({
      kind: clock.kind,
      status: clock.status,
      dueAt: clock.dueAt?.toISOString() ?? null,
      metAt: clock.metAt?.toISOString() ?? null,
      breached: clock.breached,
      policyName: clock.policyName,
    }));
  }
}
