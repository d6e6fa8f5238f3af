import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@deskflow/auth';
import { versionEtag } from '@deskflow/http';
import { optionalIfMatch } from '../common/etag';
import { TicketRefPipe } from '../common/uuid-param.pipe';
import { SatisfactionRating } from '../satisfaction/satisfaction.service';
import {
  PortalCreateTicketDto,
  PortalListQuery,
  PortalRatingDto,
  PortalReplyDto,
} from './dto/portal.dto';
import { PortalService } from './portal.service';

function withEtag(reply: FastifyReply, view: Record<string, unknown>): Record<string, unknown> {
  reply.header('etag', versionEtag(view.version as number));

  return view;
}

@ApiTags('portal')
@ApiBearerAuth()
@Roles('customer')
@Controller('portal/tickets')
export class PortalController {
  constructor(private readonly portal: PortalService) {}

  @Post()
  create(
    @Body() body: PortalCreateTicketDto,
    @CurrentActor() actor: Actor,
  ): Promise<Record<string, unknown>> {
    return this.portal.create(actor, body);
  }

  @Get()
  list(@Query() query: PortalListQuery, @CurrentActor() actor: Actor) {
    return this.portal.list(actor, query);
  }

  @Get(':ticketId')
  async get(
    @Param('ticketId', new TicketRefPipe()) ticketId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    return withEtag(reply, await this.portal.get(actor, ticketId));
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

  /** `If-Match` is optional: with it, a ticket changed since the customer read it gets 412. */
  @Post(':ticketId/close')
  @HttpCode(200)
  async close(
    @Param('ticketId', new TicketRefPipe()) ticketId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    return withEtag(reply, await this.portal.close(actor, ticketId, optionalIfMatch(ifMatch)));
  }

  /**
   * Rates the current resolution; rating it again replaces the earlier rating. `If-Match` is
   * optional: with it, a ticket reopened or changed since the customer read it gets 412.
   */
  @Put(':ticketId/satisfaction')
  rate(
    @Param('ticketId', new TicketRefPipe()) ticketId: string,
    @Body() body: PortalRatingDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<SatisfactionRating> {
    const rating = { rating: body.rating, comment: body.comment ?? '' };

    return this.portal.rate(actor, ticketId, rating, optionalIfMatch(ifMatch));
  }
}
