import { Module } from '@nestjs/common';
import { DeliveryWriterService } from './delivery-writer.service';

/** Writing delivery rows, shared by the planner, the webhooks fan-out and the digest worker. */
@Module({
  providers: [DeliveryWriterService],
  exports: [DeliveryWriterService],
})
export class DeliveryStoreModule {}
