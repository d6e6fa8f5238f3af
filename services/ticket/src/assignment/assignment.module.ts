import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets/tickets.module';
import { AssignmentController } from './assignment.controller';
import { AssignmentHook } from './assignment.hook';
import { AssignmentService } from './assignment.service';

@Module({
  imports: [TicketsModule],
  controllers: [AssignmentController],
  providers: [AssignmentService, AssignmentHook],
})
export class AssignmentModule {}
