import { Module } from '@nestjs/common';
import { ThreadProjectionService } from './thread-projection.service';

@Module({
  providers: [ThreadProjectionService],
  exports: [ThreadProjectionService],
})
export class ThreadsModule {}
