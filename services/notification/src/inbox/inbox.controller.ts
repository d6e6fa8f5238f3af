import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, CurrentActor, Roles } from '@deskflow/auth';
import { rootLogger } from '@deskflow/observability';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { Page } from '../common/cursor';
import { InboxItem } from './inbox-item.entity';
import { InboxListQuery } from './inbox.dto';
import { InboxService } from './inbox.service';
import { InboxStreamHub } from './inbox-stream.hub';

const HEARTBEAT_MS = 15_000;

@ApiTags('inbox')
@ApiBearerAuth()
@Roles('agent', 'admin')
@Controller('inbox')
export class InboxController {
  private readonly logger = rootLogger().child({ context: 'InboxController' });

  constructor(
    private readonly inbox: InboxService,
    private readonly hub: InboxStreamHub,
  ) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: InboxListQuery): Promise<Page<InboxItem>> {
    return this.inbox.list(actor.id, query);
  }

  @Get('unread-count')
  async unreadCount(@CurrentActor() actor: Actor): Promise<{ unread: number }> {
    return { unread: await this.inbox.unreadCount(actor.id) };
  }

  @Post('read-all')
  @HttpCode(200)
  async markAllRead(@CurrentActor() actor: Actor): Promise<{ marked: number }> {
    return { marked: await this.inbox.markAllRead(actor.id) };
  }

  @Post(':id/read')
  @HttpCode(200)
  markRead(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<InboxItem> {
    return this.inbox.markRead(actor.id, id);
  }

  /**
   * Server-sent events: `unread` with the count on connect, then `notification` with each new
   * item, and a comment line every 15 s so that proxies keep the connection open.
   */
  @Get('stream')
  async stream(@CurrentActor() actor: Actor, @Res() reply: FastifyReply): Promise<void> {
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const send = (event: string, data: unknown) =>
      raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

    const unsubscribe = await this.hub.subscribe(actor.id, (itemId) => {
      this.inbox
        .get(actor.id, itemId)
        .then((item) => item && send('notification', item))
        .catch((error: unknown) =>
          this.logger.warn({ err: error, itemId }, 'failed to load an inbox item for its stream'),
        );
    });
    send('unread', { unread: await this.inbox.unreadCount(actor.id) });
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
    raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  }
}
