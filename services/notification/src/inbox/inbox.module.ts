import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InboxController } from './inbox.controller';
import { InboxItem } from './inbox-item.entity';
import { InboxService } from './inbox.service';
import { InboxStreamHub } from './inbox-stream.hub';

@Module({
  imports: [TypeOrmModule.forFeature([InboxItem])],
  controllers: [InboxController],
  providers: [InboxService, InboxStreamHub],
  exports: [InboxService],
})
export class InboxModule {}
