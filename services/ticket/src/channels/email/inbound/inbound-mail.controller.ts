import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@deskflow/auth';
import { AppError, NotFoundError, ValidationFailedError } from '@deskflow/http';
import { UuidParamPipe } from '../../../common/uuid-param.pipe';
import { ListInboundMailQuery } from './dto/list-inbound-mail.query';
import { IngestResult, MailIngestionService } from './mail-ingestion.service';
import { InboundMailRecord, MailStore } from './mail-store';

export const RAW_MAIL_CONTENT_TYPES = ['message/rfc822', 'application/octet-stream'];

@ApiTags('email')
@ApiBearerAuth()
@Controller('channels/email')
export class InboundMailController {
  constructor(
    private readonly ingestion: MailIngestionService,
    private readonly store: MailStore,
  ) {}

  /** Takes one raw RFC 5322 message, as an MTA pipe delivers it (`Content-Type: message/rfc822`). */
  @Roles('admin', 'integration')
  @Post('inbound')
  @HttpCode(200)
  @ApiConsumes(...RAW_MAIL_CONTENT_TYPES)
  ingest(@Body() body: unknown, @CurrentActor() actor: Actor): Promise<IngestResult> {
    if (actor.role === 'integration' && !(actor.scopes ?? []).includes('tickets:write')) {
      throw new AppError('forbidden', 'this API key lacks the scope tickets:write', 403);
    }
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw new ValidationFailedError([
        { field: 'body', reason: 'send the raw message with Content-Type message/rfc822' },
      ]);
    }

    return this.ingestion.ingest(body);
  }

  @Roles('admin', 'agent')
  @Get('messages')
  list(@Query() query: ListInboundMailQuery): Promise<InboundMailRecord[]> {
    return this.store.list(query, query.limit ?? 100);
  }

  @Roles('admin', 'agent')
  @Get('messages/:id')
  async get(@Param('id', new UuidParamPipe('id')) id: string): Promise<InboundMailRecord> {
    const record = await this.store.findById(id);
    if (!record) throw new NotFoundError(`inbound mail ${id}`);

    return record;
  }
}
