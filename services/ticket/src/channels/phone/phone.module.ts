import { Module } from '@nestjs/common';
import { ArticlesModule } from '../../articles/articles.module';
import { TicketsModule } from '../../tickets/tickets.module';
import { PhoneCallsController } from './phone-calls.controller';
import { PhoneCallsService } from './phone-calls.service';

@Module({
  imports: [TicketsModule, ArticlesModule],
  controllers: [PhoneCallsController],
  providers: [PhoneCallsService],
})
export class PhoneModule {}
