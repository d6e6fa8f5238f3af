import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, CurrentActor, Roles } from '@deskflow/auth';
import { versionEtag } from '@deskflow/http';
import { toArticleInput } from '../articles/article-input';
import { requireIfMatch } from '../common/etag';
import { TicketRefPipe } from '../common/uuid-param.pipe';
import { BulkUpdateDto } from './dto/bulk-update.dto';
import { ChangeStateDto } from './dto/change-state.dto';
import { CreateTicketDto } from './dto/create-ticket.dto';
import { ListTicketsQuery } from './dto/list-tickets.query';
import { UpdateTicketDto } from './dto/update-ticket.dto';
import { BulkResult, TicketBulkService } from './ticket-bulk.service';
import { TicketCreationService } from './ticket-creation.service';
import { QueueStateCount, TicketListService, TicketPage } from './ticket-list.service';
import { TicketResult, TicketsService } from './tickets.service';

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets')
export class TicketsController {
  constructor(
    private readonly tickets: TicketsService,
    private readonly creation: TicketCreationService,
    private readonly lists: TicketListService,
    private readonly bulk: TicketBulkService,
  ) {}

  /** Applies one change to many tickets; see `mode` for atomic or per-ticket results. */
  @Roles('admin', 'agent', 'integration')
  @Post('bulk')
  @HttpCode(200)
  bulkUpdate(@Body() body: BulkUpdateDto, @CurrentActor() actor: Actor): Promise<BulkResult> {
    return this.bulk.update(actor, body);
  }

  @Get()
  list(@Query() query: ListTicketsQuery, @CurrentActor() actor: Actor): Promise<TicketPage> {
    return this.lists.list(actor, query);
  }

  /** Ticket counts per queue and state, for dashboards. */
  @Get('counts')
  counts(@CurrentActor() actor: Actor): Promise<QueueStateCount[]> {
    return this.lists.counts(actor);
  }

  @Post()
  async create(
    @Body() body: CreateTicketDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    const { article, ...fields } = body;
    const channel = fields.channel ?? (actor.role === 'customer' ? 'portal' : 'phone');
    const articleInput = article
      ? toArticleInput(actor, article, channel, { openingTicket: true, field: 'article' })
      : undefined;
    const created = await this.creation.create(actor, { ...fields, article: articleInput });
    reply.header('location', `/api/v1/tickets/${created.ticket.id}`);

    return this.respond(actor, created, reply);
  }

  @Get(':ticketId')
  async get(
    @Param('ticketId', new TicketRefPipe()) ticketId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    return this.respond(actor, await this.tickets.get(actor, ticketId), reply);
  }

  @Patch(':ticketId')
  async update(
    @Param('ticketId', new TicketRefPipe()) ticketId: string,
    @Body() body: UpdateTicketDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    const result = await this.tickets.update(actor, ticketId, requireIfMatch(ifMatch), body);

    return this.respond(actor, result, reply);
  }

  @Post(':ticketId/state')
  @HttpCode(200)
  async changeState(
    @Param('ticketId', new TicketRefPipe()) ticketId: string,
    @Body() body: ChangeStateDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    const result = await this.tickets.update(actor, ticketId, requireIfMatch(ifMatch), body);

    return this.respond(actor, result, reply);
  }

  private respond(
    actor: Actor,
    result: TicketResult,
    reply: FastifyReply,
  ): Record<string, unknown> {
    reply.header('etag', versionEtag(result.ticket.version));

    return this.tickets.view(actor, result);
  }
}
