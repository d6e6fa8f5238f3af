import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@deskflow/auth';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { AutomationRule } from './automation-rule.entity';
import { DryRunService } from './dry-run.service';
import { CreateRuleDto, DryRunDto, UpdateRuleDto } from './dto/rule.dto';
import { RulesService } from './rules.service';

@ApiTags('automation')
@ApiBearerAuth()
@Roles('admin')
@Controller('automation/rules')
export class RulesController {
  constructor(
    private readonly rules: RulesService,
    private readonly dryRuns: DryRunService,
  ) {}

  @Get()
  list(): Promise<AutomationRule[]> {
    return this.rules.list();
  }

  @Post()
  create(@Body() body: CreateRuleDto): Promise<AutomationRule> {
    return this.rules.create(body);
  }

  /** Shows which rules would fire for a stored ticket or a draft, and what they would change. */
  @Post('dry-run')
  @HttpCode(200)
  dryRun(@Body() body: DryRunDto, @CurrentActor() actor: Actor): Promise<Record<string, unknown>> {
    return this.dryRuns.run(actor, body);
  }

  /** Adds a repository rule set (`service-desk` or `departments`) as inactive rules. */
  @Post('rule-sets/:name')
  importRuleSet(@Param('name') name: string): Promise<AutomationRule[]> {
    return this.rules.importRuleSet(name);
  }

  @Get(':id')
  get(@Param('id', new UuidParamPipe('id')) id: string): Promise<AutomationRule> {
    return this.rules.get(id);
  }

  @Patch(':id')
  update(
    @Param('id', new UuidParamPipe('id')) id: string,
    @Body() body: UpdateRuleDto,
  ): Promise<AutomationRule> {
    return this.rules.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', new UuidParamPipe('id')) id: string): Promise<void> {
    await this.rules.remove(id);
  }
}
