import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@deskflow/auth';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { CreateQueueDto, QueueMembershipDto, UpdateQueueDto } from './dto/queue.dto';
import { Queue } from './queue.entity';
import { QueueMember } from './queue-member.entity';
import { QueuesService } from './queues.service';

@ApiTags('queues')
@ApiBearerAuth()
@Controller('queues')
export class QueuesController {
  constructor(private readonly queues: QueuesService) {}

  @Roles('admin', 'agent')
  @Get()
  list(): Promise<Queue[]> {
    return this.queues.list();
  }

  @Roles('admin', 'agent')
  @Get(':id')
  get(@Param('id', new UuidParamPipe('id')) id: string): Promise<Queue> {
    return this.queues.get(id);
  }

  @Roles('admin')
  @Post()
  create(@Body() body: CreateQueueDto, @CurrentActor() actor: Actor): Promise<Queue> {
    return this.queues.create(body, actor);
  }

  @Roles('admin')
  @Patch(':id')
  update(
    @Param('id', new UuidParamPipe('id')) id: string,
    @Body() body: UpdateQueueDto,
    @CurrentActor() actor: Actor,
  ): Promise<Queue> {
    return this.queues.update(id, body, actor);
  }

  @Roles('admin', 'agent')
  @Get(':id/members')
  members(@Param('id', new UuidParamPipe('id')) id: string): Promise<QueueMember[]> {
    return this.queues.members(id);
  }

  @Roles('admin')
  @Put(':id/members/:agentId')
  setMember(
    @Param('id', new UuidParamPipe('id')) id: string,
    @Param('agentId', new UuidParamPipe('agentId')) agentId: string,
    @Body() body: QueueMembershipDto,
    @CurrentActor() actor: Actor,
  ): Promise<QueueMember> {
    return this.queues.setMember(id, agentId, body.permission, actor);
  }

  @Roles('admin')
  @Delete(':id/members/:agentId')
  @HttpCode(204)
  removeMember(
    @Param('id', new UuidParamPipe('id')) id: string,
    @Param('agentId', new UuidParamPipe('agentId')) agentId: string,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    return this.queues.removeMember(id, agentId, actor);
  }
}
