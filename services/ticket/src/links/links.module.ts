import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets/tickets.module';
import { LinksController } from './links.controller';
import { LinksService } from './links.service';
import { MergeService } from './merge.service';
import { SplitService } from './split.service';

@Module({
  imports: [TicketsModule],
  controllers: [LinksController],
  providers: [LinksService, MergeService, SplitService],
  exports: [LinksService, MergeService],
})
export class LinksModule {}
