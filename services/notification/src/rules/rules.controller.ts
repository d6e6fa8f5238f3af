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
import { ValidationFailedError } from '@deskflow/http';
import { NotificationRule } from './notification-rule.entity';
import { CreateRuleDto, RuleListQuery, UpdateRuleDto } from './rule.dto';
import { RulesService } from './rules.service';

/** Reads the version from `If-Match: "3"` (or `W/"3"`); undefined when absent. */
export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;

  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match) {
    throw new ValidationFailedError([
      { field: 'If-Match', reason: 'must be the ETag of the resource, such as "3"' },
    ]);
  }

  return Number(match[1]);
}

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
    reply.header('etag', `"${rule.version}"`);

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
    const rule = await this.rules.update(id, body, versionFromIfMatch(ifMatch));
    reply.header('etag', `"${rule.version}"`);

    return rule;
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', UuidParamPipe) id: string): Promise<void> {
    await this.rules.remove(id);
  }
}
