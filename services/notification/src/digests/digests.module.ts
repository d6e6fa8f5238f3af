import { Module } from '@nestjs/common';
import { DeliveryStoreModule } from '../deliveries/delivery-store.module';
import { TemplatesModule } from '../templates/templates.module';
import { BurstWindowService } from './burst-window.service';
import { DigestWorker } from './digest.worker';

@Module({
  imports: [DeliveryStoreModule, TemplatesModule],
  providers: [BurstWindowService, DigestWorker],
  exports: [BurstWindowService],
})
export class DigestsModule {}
