import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@deskflow/auth';
import { TicketRefPipe } from '../common/uuid-param.pipe';
import { SatisfactionRating } from '../satisfaction/satisfaction.service';
import { PortalCreateTicketDto, PortalListQuery, PortalRatingDto, PortalReplyDto } from './dto/portal.dto';
import { PortalService } from './portal.service';

@ApiTags('portal')
@ApiBearerAuth()
@Roles('customer')
@Controller('portal/tickets')
export class PortalController {
  constructor(private readonly portal: PortalService) {}

  @Post()
  create(@Body() body: PortalCreateTicketDto, @CurrentActor() actor: Actor): Promise<Record<string, unknown>> {
    return this.portal.create(actor, body);
  }

  @Get()
  list(@Query() query: PortalListQuery, @CurrentActor() actor: Actor) {
    return this.portal.list(actor, query);
  }

  @Get(':ticketId')
  get(@Param('ticketId', new TicketRefPipe()) ticketId: string, @CurrentActor() actor: Actor): Promise<Record<string, unknown>> {
    return this.portal.get(actor, ticketId);
  }

  /** Adds the customer's message; on a resolved or pending ticket it reopens the ticket. */
  @Post(':ticketId/replies')
  reply(
    @Param('ticketId', new TicketRefPipe()) ticketId: string,
    @Body() body: PortalReplyDto,
    @CurrentActor() actor: Actor,
  ): Promise<Record<string, unknown>> {
    return this.portal.reply(actor, ticketId, body.body);
  }

  @Post(':ticketId/close')
  @HttpCode(200)
  close(@Param('ticketId', new TicketRefPipe()) ticketId: string, @CurrentActor() actor: Actor): Promise<Record<string, unknown>> {
    return this.portal.close(actor, ticketId);
  }

  /** Rates the current resolution; rating it again replaces the earlier rating. */
  @Put(':ticketId/satisfaction')
  rate(
    @Param('ticketId', new TicketRefPipe()) ticketId: string,
    @Body() body: PortalRatingDto,
    @CurrentActor() actor: Actor,
  ): Promise<SatisfactionRating> {
    return this.portal.rate(actor, ticketId, body.rating, body.comment ?? '');
  }
}
