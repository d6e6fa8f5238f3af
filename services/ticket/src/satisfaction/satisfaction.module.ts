import { Module } from '@nestjs/common';
import { SatisfactionService } from './satisfaction.service';

@Module({
  providers: [SatisfactionService],
  exports: [SatisfactionService],
})
export class SatisfactionModule {}
