import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@deskflow/auth';
import { UuidParamPipe } from '../../../common/uuid-param.pipe';
import { CreateMailboxDto, UpdateMailboxDto } from './dto/mailbox.dto';
import { ChannelSettingsDto, OrganisationDomainDto } from './dto/channel-settings.dto';
import { ChannelSettingsService } from './channel-settings.service';
import { ImapPollerService } from './imap-poller.service';
import { SyncReport } from './mailbox-sync.service';
import { Mailbox, MailboxesService } from './mailboxes.service';

@ApiTags('email')
@ApiBearerAuth()
@Roles('admin')
@Controller('channels/email')
export class MailboxesController {
  constructor(
    private readonly mailboxes: MailboxesService,
    private readonly poller: ImapPollerService,
    private readonly settings: ChannelSettingsService,
  ) {}

  @Get('mailboxes')
  list(): Promise<Mailbox[]> {
    return this.mailboxes.list();
  }

  @Post('mailboxes')
  create(@Body() body: CreateMailboxDto): Promise<Mailbox> {
    return this.mailboxes.create(body);
  }

  @Get('mailboxes/:id')
  get(@Param('id', new UuidParamPipe('id')) id: string): Promise<Mailbox> {
    return this.mailboxes.get(id);
  }

  @Patch('mailboxes/:id')
  update(
    @Param('id', new UuidParamPipe('id')) id: string,
    @Body() body: UpdateMailboxDto,
  ): Promise<Mailbox> {
    return this.mailboxes.update(id, body);
  }

  @Delete('mailboxes/:id')
  @HttpCode(204)
  remove(@Param('id', new UuidParamPipe('id')) id: string): Promise<void> {
    return this.mailboxes.remove(id);
  }

  /** Polls the mailbox now instead of waiting for the timer or IDLE. */
  @Post('mailboxes/:id/poll')
  @HttpCode(200)
  poll(@Param('id', new UuidParamPipe('id')) id: string): Promise<SyncReport> {
    return this.poller.poll(id);
  }

  /** Sets what a reply to a closed ticket of the queue does: reopen it or open a follow-up. */
  @Put('queues/:queueId/settings')
  @ApiOperation({
    deprecated: true,
    description:
      'Deprecated: set `closedTicketReply` on the queue instead (PATCH /queues/{id}). ' +
      'This endpoint writes that same queue setting, which the API, the portal and mail all read.',
  })
  putQueueSettings(
    @Param('queueId', new UuidParamPipe('queueId')) queueId: string,
    @Body() body: ChannelSettingsDto,
    @CurrentActor() actor: Actor,
  ): Promise<ChannelSettingsDto> {
    return this.settings.putQueueSettings(queueId, body, actor);
  }

  /** Maps a mail domain to an organisation, which new customers from that domain join. */
  @Put('organisation-domains/:domain')
  putDomain(
    @Param('domain') domain: string,
    @Body() body: OrganisationDomainDto,
  ): Promise<{ domain: string; organisationId: string }> {
    return this.settings.putDomain(domain, body.organisationId);
  }
}
