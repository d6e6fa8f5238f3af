import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@deskflow/auth';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { AssignmentService, QueueAssignment } from './assignment.service';
import { AvailabilityDto, QueueAssignmentDto } from './dto/assignment.dto';

@ApiTags('assignment')
@ApiBearerAuth()
@Controller()
export class AssignmentController {
  constructor(private readonly assignment: AssignmentService) {}

  @Roles('admin')
  @Get('queues/:queueId/assignment')
  getQueueMode(
    @Param('queueId', new UuidParamPipe('queueId')) queueId: string,
  ): Promise<QueueAssignment> {
    return this.assignment.getQueueMode(queueId);
  }

  @Roles('admin')
  @Put('queues/:queueId/assignment')
  setQueueMode(
    @Param('queueId', new UuidParamPipe('queueId')) queueId: string,
    @Body() body: QueueAssignmentDto,
  ): Promise<QueueAssignment> {
    return this.assignment.setQueueMode(queueId, body.mode);
  }

  @Roles('admin', 'agent')
  @Get('agents/:agentId/availability')
  getAvailability(
    @Param('agentId', new UuidParamPipe('agentId')) agentId: string,
    @CurrentActor() actor: Actor,
  ) {
    return this.assignment.getAvailability(actor, agentId);
  }

  @Roles('admin', 'agent')
  @Put('agents/:agentId/availability')
  setAvailability(
    @Param('agentId', new UuidParamPipe('agentId')) agentId: string,
    @Body() body: AvailabilityDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.assignment.setAvailability(actor, agentId, body.available);
  }
}
