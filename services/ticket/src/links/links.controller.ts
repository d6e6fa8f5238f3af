import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { versionEtag } from '@deskflow/http';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, CurrentActor, Roles } from '@deskflow/auth';
import { optionalIfMatch, requireIfMatch } from '../common/etag';
import { TicketRefPipe, UuidParamPipe } from '../common/uuid-param.pipe';
import { TicketsService } from '../tickets/tickets.service';
import { CreateLinkDto, MergeTicketDto, SplitArticleDto } from './dto/link.dto';
import { LinksService, LinkView } from './links.service';
import { MergeService } from './merge.service';
import { SplitService } from './split.service';

@ApiTags('links')
@ApiBearerAuth()
@Roles('admin', 'agent', 'integration')
@Controller('tickets/:ticketId')
export class LinksController {
  constructor(
    private readonly links: LinksService,
    private readonly merges: MergeService,
    private readonly splits: SplitService,
    private readonly tickets: TicketsService,
  ) {}

  @Get('links')
  list(
    @Param('ticketId', new TicketRefPipe()) ticketId: string,
    @CurrentActor() actor: Actor,
  ): Promise<LinkView[]> {
    return this.links.list(actor, ticketId);
  }

  /**
   * Idempotent: 201 with a new link, 200 with the link that already existed. `If-Match` is
   * optional: a link changes no field of the ticket, so it cannot overwrite someone's edit.
   */
  @Post('links')
  async link(
    @Param('ticketId', new TicketRefPipe()) ticketId: string,
    @Body() body: CreateLinkDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<object> {
    const { link, created } = await this.links.link(
      actor,
      ticketId,
      body.targetTicketId,
      body.linkType,
      optionalIfMatch(ifMatch),
    );
    reply.status(created ? 201 : 200);

    return link;
  }

  /** `If-Match` is optional, as for creating a link. */
  @Delete('links/:linkId')
  @HttpCode(204)
  unlink(
    @Param('ticketId', new TicketRefPipe()) ticketId: string,
    @Param('linkId', new UuidParamPipe('linkId')) linkId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    return this.links.unlink(actor, ticketId, linkId, optionalIfMatch(ifMatch));
  }

  /** Merges this ticket into the target; `If-Match` is this ticket's ETag. */
  @Post('merge')
  @HttpCode(200)
  async merge(
    @Param('ticketId', new TicketRefPipe()) ticketId: string,
    @Body() body: MergeTicketDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<object> {
    const { source, target } = await this.merges.merge(
      actor,
      ticketId,
      requireIfMatch(ifMatch),
      body.targetTicketId,
    );
    reply.header('etag', versionEtag(source.ticket.version));

    return { source: this.tickets.view(actor, source), target: this.tickets.view(actor, target) };
  }

  @Post('articles/:articleId/split')
  async split(
    @Param('ticketId', new TicketRefPipe()) ticketId: string,
    @Param('articleId', new UuidParamPipe('articleId')) articleId: string,
    @Body() body: SplitArticleDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    const created = await this.splits.split(actor, ticketId, articleId, body);
    reply.header('etag', versionEtag(created.ticket.version));
    reply.header('location', `/api/v1/tickets/${created.ticket.id}`);

    return this.tickets.view(actor, created);
  }
}
