import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { ArticlesModule } from '../../articles/articles.module';
import { LinksModule } from '../../links/links.module';
import { PeopleModule } from '../../people/people.module';
import { QueuesModule } from '../../queues/queues.module';
import { TicketsModule } from '../../tickets/tickets.module';
import { EMAIL_SETTINGS, EmailSettings, loadEmailSettings } from './email-settings';
import { InboundArticleWriter } from './inbound/inbound-article.writer';
import { InboundMailController, RAW_MAIL_CONTENT_TYPES } from './inbound/inbound-mail.controller';
import { MailIngestionService } from './inbound/mail-ingestion.service';
import { MailRouter } from './inbound/mail-router';
import { MailSenders } from './inbound/mail-senders';
import { MailStore } from './inbound/mail-store';
import { ChannelSettingsService } from './mailboxes/channel-settings.service';
import { ImapPollerService } from './mailboxes/imap-poller.service';
import { MailboxSyncService } from './mailboxes/mailbox-sync.service';
import { MailboxesController } from './mailboxes/mailboxes.controller';
import { MailboxesService } from './mailboxes/mailboxes.service';
import { ThreadLookupService } from './threading/thread-lookup.service';

/** Inbound mail: the MTA endpoint, IMAP mailboxes, threading, senders and loop protection. */
@Module({
  imports: [TicketsModule, ArticlesModule, PeopleModule, QueuesModule, LinksModule],
  controllers: [InboundMailController, MailboxesController],
  providers: [
    { provide: EMAIL_SETTINGS, useFactory: loadEmailSettings },
    MailStore,
    MailRouter,
    MailSenders,
    MailIngestionService,
    InboundArticleWriter,
    ThreadLookupService,
    MailboxesService,
    MailboxSyncService,
    ImapPollerService,
    ChannelSettingsService,
  ],
  exports: [MailIngestionService, InboundArticleWriter, EMAIL_SETTINGS],
})
export class EmailModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(EMAIL_SETTINGS) private readonly settings: EmailSettings,
  ) {}

  /** Lets Fastify hand raw message bodies to the controller as a Buffer, up to the message limit. */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;

    for (const type of RAW_MAIL_CONTENT_TYPES) {
      if (fastify.hasContentTypeParser(type)) continue;

      fastify.addContentTypeParser(
        type,
        { parseAs: 'buffer', bodyLimit: this.settings.maxMessageBytes },
        (_request, body, done) => done(null, body),
      );
    }
  }
}
