import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '@deskflow/auth';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { parseIfMatch } from '@deskflow/http';
import { NotificationRule } from './notification-rule.entity';
import { CreateRuleDto, RuleListQuery, UpdateRuleDto } from './rule.dto';
import { ruleEtag, RulesService } from './rules.service';

@ApiTags('rules')
@ApiBearerAuth()
@Roles('admin')
@Controller('rules')
export class RulesController {
  constructor(private readonly rules: RulesService) {}

  @Get()
  list(@Query() query: RuleListQuery): Promise<NotificationRule[]> {
    return this.rules.list(query.eventType);
  }

  @Get(':id')
  async get(
    @Param('id', UuidParamPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<NotificationRule> {
    const rule = await this.rules.get(id);
    reply.header('etag', ruleEtag(rule));

    return rule;
  }

  @Post()
  create(@Body() body: CreateRuleDto): Promise<NotificationRule> {
    return this.rules.create(body);
  }

  @Patch(':id')
  async update(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateRuleDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<NotificationRule> {
    const rule = await this.rules.update(id, body, parseIfMatch(ifMatch));
    reply.header('etag', ruleEtag(rule));

    return rule;
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', UuidParamPipe) id: string): Promise<void> {
    await this.rules.remove(id);
  }
}
