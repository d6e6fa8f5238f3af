import { Body, Controller, Delete, Get, Headers, HttpCode, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '@deskflow/auth';
import { etagOf } from '../common/if-match';
import { UuidParam } from '../common/uuid-param';
import { CalendarEntity } from './calendar.entity';
import { ComputeBusinessTimeDto, CreateCalendarDto, UpdateCalendarDto } from './calendar.dto';
import { CalendarsService, ComputeResult } from './calendars.service';

@ApiTags('calendars')
@ApiBearerAuth()
@Controller('sla/calendars')
export class CalendarsController {
  constructor(private readonly calendars: CalendarsService) {}

  @Get()
  @Roles('admin', 'agent')
  async list(): Promise<{ items: CalendarEntity[] }> {
    return { items: await this.calendars.list() };
  }

  @Get(':id')
  @Roles('admin', 'agent')
  async get(
    @UuidParam('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CalendarEntity> {
    const calendar = await this.calendars.get(id);
    reply.header('etag', etagOf(calendar.version));

    return calendar;
  }

  @Post()
  @Roles('admin')
  async create(
    @Body() body: CreateCalendarDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CalendarEntity> {
    const calendar = await this.calendars.create(body);
    reply.header('etag', etagOf(calendar.version));

    return calendar;
  }

  @Patch(':id')
  @Roles('admin')
  async update(
    @UuidParam('id') id: string,
    @Body() body: UpdateCalendarDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CalendarEntity> {
    const calendar = await this.calendars.update(id, body, ifMatch);
    reply.header('etag', etagOf(calendar.version));

    return calendar;
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  async remove(
    @UuidParam('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    await this.calendars.remove(id, ifMatch);
  }

  @Post(':id/compute')
  @Roles('admin', 'agent')
  @HttpCode(200)
  compute(
    @UuidParam('id') id: string,
    @Body() body: ComputeBusinessTimeDto,
  ): Promise<ComputeResult> {
    return this.calendars.compute(id, body);
  }
}
