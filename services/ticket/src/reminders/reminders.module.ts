import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets/tickets.module';
import { CLOCK, systemClock } from './clock';
import { PendingTicketsService } from './pending-tickets.service';
import { PendingTicketsWorker } from './pending-tickets.worker';

@Module({
  imports: [TicketsModule],
  providers: [
    PendingTicketsService,
    PendingTicketsWorker,
    { provide: CLOCK, useValue: systemClock },
  ],
  exports: [PendingTicketsService],
})
export class RemindersModule {}
