import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@deskflow/auth';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { Agent } from './agent.entity';
import { AgentsService } from './agents.service';
import { CreateAgentDto, UpdateAgentDto } from './dto/agent.dto';

@ApiTags('agents')
@ApiBearerAuth()
@Controller('agents')
export class AgentsController {
  constructor(private readonly agents: AgentsService) {}

  @Roles('admin', 'agent')
  @Get()
  list(): Promise<Agent[]> {
    return this.agents.list();
  }

  @Roles('admin', 'agent')
  @Get(':id')
  get(@Param('id', new UuidParamPipe('id')) id: string): Promise<Agent> {
    return this.agents.get(id);
  }

  @Roles('admin')
  @Post()
  create(@Body() body: CreateAgentDto, @CurrentActor() actor: Actor): Promise<Agent> {
    return this.agents.create(body, actor);
  }

  @Roles('admin')
  @Patch(':id')
  update(
    @Param('id', new UuidParamPipe('id')) id: string,
    @Body() body: UpdateAgentDto,
    @CurrentActor() actor: Actor,
  ): Promise<Agent> {
    return this.agents.update(id, body, actor);
  }
}
