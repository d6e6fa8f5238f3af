import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgentProjection } from './agent-projection.entity';
import { DirectoryProjectionService } from './directory-projection.service';
import { QueueProjection } from './queue-projection.entity';

@Module({
  imports: [TypeOrmModule.forFeature([AgentProjection, QueueProjection])],
  providers: [DirectoryProjectionService],
  exports: [DirectoryProjectionService],
})
export class DirectoryModule {}
