import { Module } from '@nestjs/common';
import { ClocksModule } from '../clocks/clocks.module';
import { SlaStatusController } from './sla-status.controller';
import { SlaStatusService } from './sla-status.service';
import { TicketEventApplier } from './ticket-event-applier.service';
import { TicketEventsHandler } from './ticket-events.handler';
import { TicketRematcher } from './ticket-rematcher.service';

@Module({
  imports: [ClocksModule],
  controllers: [TicketEventsHandler, SlaStatusController],
  providers: [TicketEventApplier, TicketRematcher, SlaStatusService],
  exports: [TicketRematcher],
})
export class TicketsModule {}
