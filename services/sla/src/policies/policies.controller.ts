import { Body, Controller, Delete, Get, Headers, HttpCode, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '@deskflow/auth';
import { etagOf } from '../common/if-match';
import { UuidParam } from '../common/uuid-param';
import { PolicyEntity } from './policy.entity';
import { CreatePolicyDto, UpdatePolicyDto } from './policy.dto';
import { PoliciesService } from './policies.service';

@ApiTags('policies')
@ApiBearerAuth()
@Controller('sla/policies')
export class PoliciesController {
  constructor(private readonly policies: PoliciesService) {}

  @Get()
  @Roles('admin', 'agent')
  async list(): Promise<{ items: PolicyEntity[] }> {
    return { items: await this.policies.list() };
  }

  @Get(':id')
  @Roles('admin', 'agent')
  async get(
    @UuidParam('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PolicyEntity> {
    const policy = await this.policies.get(id);
    reply.header('etag', etagOf(policy.version));

    return policy;
  }

  @Post()
  @Roles('admin')
  async create(
    @Body() body: CreatePolicyDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PolicyEntity> {
    const policy = await this.policies.create(body);
    reply.header('etag', etagOf(policy.version));

    return policy;
  }

  @Patch(':id')
  @Roles('admin')
  async update(
    @UuidParam('id') id: string,
    @Body() body: UpdatePolicyDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PolicyEntity> {
    const policy = await this.policies.update(id, body, ifMatch);
    reply.header('etag', etagOf(policy.version));

    return policy;
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  async remove(
    @UuidParam('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    await this.policies.remove(id, ifMatch);
  }
}
