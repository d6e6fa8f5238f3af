import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { ArticleStorageModule } from '../articles/article-storage.module';
import { HistoryModule } from '../history/history.module';
import { PeopleModule } from '../people/people.module';
import { CreationStartLoader } from './creation-start.loader';
import { SingleStatementCreation } from './single-statement-creation';
import { TicketBulkService } from './ticket-bulk.service';
import { TicketCreationService } from './ticket-creation.service';
import { TicketEventsPublisher } from './ticket-events.publisher';
import { TicketListService } from './ticket-list.service';
import { TicketHooks } from './ticket-hooks';
import { TicketNumberService } from './ticket-number.service';
import { TicketPatcher } from './ticket-patcher.service';
import { TicketRefsLoader } from './ticket-refs.loader';
import { TicketsController } from './tickets.controller';
import { TicketsService } from './tickets.service';

@Module({
  imports: [AccessModule, ArticleStorageModule, HistoryModule, PeopleModule],
  controllers: [TicketsController],
  providers: [
    TicketsService,
    TicketCreationService,
    TicketListService,
    TicketBulkService,
    TicketNumberService,
    TicketPatcher,
    TicketRefsLoader,
    TicketEventsPublisher,
    TicketHooks,
    CreationStartLoader,
    SingleStatementCreation,
  ],
  exports: [
    TicketsService,
    TicketCreationService,
    TicketNumberService,
    TicketHooks,
    TicketPatcher,
    TicketEventsPublisher,
    TicketRefsLoader,
    AccessModule,
    HistoryModule,
    ArticleStorageModule,
  ],
})
export class TicketsModule {}
