import { Body, Controller, Get, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Public, Roles } from '@deskflow/auth';
import { AnonymousRateLimitGuard } from '../common/anonymous-rate-limit.guard';
import { IdParams } from '../common/route-params';
import { CreateFeedbackDto, ListFeedbackDto } from './dto/feedback.dto';
import { FeedbackService } from './feedback.service';

@ApiTags('feedback')
@ApiBearerAuth()
@Controller('articles/:id/feedback')
export class FeedbackController {
  constructor(private readonly feedback: FeedbackService) {}

  @Post()
  @Public()
  @UseGuards(AnonymousRateLimitGuard)
  async record(
    @Param() params: IdParams,
    @Body() dto: CreateFeedbackDto,
    @CurrentActor() actor: Actor | undefined,
  ) {
    return this.feedback.record(params.id, dto, actor);
  }

  @Get()
  @Roles('admin', 'agent')
  async list(@Param() params: IdParams, @Query() request: ListFeedbackDto) {
    const page = await this.feedback.list(params.id, request);

    return {
      items: page.items.map((item) => ({ ...item, createdAt: item.createdAt.toISOString() })),
      nextCursor: page.nextCursor,
    };
  }
}
