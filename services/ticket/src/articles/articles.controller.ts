import {
  Body,
  Controller,
  Get,
  Headers,
  Param,
  Patch,
  Post,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Actor, CurrentActor, Roles } from '@deskflow/auth';
import { optionalIfMatch } from '../common/etag';
import { TicketRefPipe, UuidParamPipe } from '../common/uuid-param.pipe';
import { TicketsService } from '../tickets/tickets.service';
import { toArticleInput } from './article-input';
import { toArticleView } from './article-presenter';
import { attachmentDisposition } from './attachment-filename';
import { parseArticleRequest } from './article-request.parser';
import { ArticlesService } from './articles.service';
import { UpdateArticleDto } from './dto/update-article.dto';

@ApiTags('articles')
@ApiBearerAuth()
@Controller('tickets/:ticketId')
export class ArticlesController {
  constructor(
    private readonly articles: ArticlesService,
    private readonly tickets: TicketsService,
  ) {}

  @Get('articles')
  async list(
    @Param('ticketId', new TicketRefPipe()) ticketId: string,
    @CurrentActor() actor: Actor,
  ): Promise<Record<string, unknown>[]> {
    const articles = await this.articles.list(actor, ticketId);

    return articles.map(({ article, attachments }) => toArticleView(article, attachments));
  }

  /** Takes JSON (attachments as base64) or multipart/form-data (JSON in `article`, files as parts). */
  @Post('articles')
  @ApiConsumes('application/json', 'multipart/form-data')
  async add(
    @Param('ticketId', new TicketRefPipe()) ticketId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @CurrentActor() actor: Actor,
  ): Promise<Record<string, unknown>> {
    const condition = optionalIfMatch(ifMatch);
    const { body, files } = await parseArticleRequest(request);
    const { ticket } = await this.tickets.get(actor, ticketId);
    const input = toArticleInput(actor, body, ticket.channel, { openingTicket: false });
    input.attachments = [...(input.attachments ?? []), ...files];
    const written = await this.articles.add(actor, ticketId, input, condition);

    return toArticleView(written.article, written.attachments);
  }

  @Roles('admin', 'agent', 'integration')
  @Patch('articles/:articleId')
  async publish(
    @Param('ticketId', new TicketRefPipe()) ticketId: string,
    @Param('articleId', new UuidParamPipe('articleId')) articleId: string,
    @Body() _body: UpdateArticleDto,
    @CurrentActor() actor: Actor,
  ): Promise<Record<string, unknown>> {
    const { article, attachments } = await this.articles.publish(actor, ticketId, articleId);

    return toArticleView(article, attachments);
  }

  @Get('attachments/:attachmentId')
  async download(
    @Param('ticketId', new TicketRefPipe()) ticketId: string,
    @Param('attachmentId', new UuidParamPipe('attachmentId')) attachmentId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const attachment = await this.articles.attachment(actor, ticketId, attachmentId);
    reply.header('content-type', attachment.contentType);
    reply.header('content-disposition', attachmentDisposition(attachment.filename));
    reply.header('x-content-type-options', 'nosniff');

    return new StreamableFile(attachment.content);
  }
}
