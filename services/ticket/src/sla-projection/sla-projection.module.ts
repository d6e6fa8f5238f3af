import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { SlaEventsHandler } from './sla-events.handler';
import { SlaProjectionController } from './sla-projection.controller';
import { SlaProjectionService } from './sla-projection.service';

@Module({
  imports: [AccessModule],
  controllers: [SlaEventsHandler, SlaProjectionController],
  providers: [SlaProjectionService],
  exports: [SlaProjectionService],
})
export class SlaProjectionModule {}
