import { Module } from '@nestjs/common';
import { ClocksModule } from '../clocks/clocks.module';
import { TicketsModule } from '../tickets/tickets.module';
import { CalendarsController } from './calendars.controller';
import { CalendarsService } from './calendars.service';

@Module({
  imports: [ClocksModule, TicketsModule],
  controllers: [CalendarsController],
  providers: [CalendarsService],
})
export class CalendarsModule {}
