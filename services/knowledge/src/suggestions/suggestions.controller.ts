import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Type } from 'class-transformer';
import { IsUUID } from 'class-validator';
import { Actor, CurrentActor, Public, Roles } from '@deskflow/auth';
import { AnonymousRateLimitGuard } from '../common/anonymous-rate-limit.guard';
import { readerScope } from '../common/reader-scope';
import { IdParams } from '../common/route-params';
import { LinkSolutionDto, SuggestArticlesDto } from './dto/suggest-articles.dto';
import { SuggestionsService } from './suggestions.service';

class SolutionLinkParams extends IdParams {
  @Type(() => String)
  @IsUUID()
  ticketId!: string;
}

@ApiTags('suggestions')
@ApiBearerAuth()
@Controller()
export class SuggestionsController {
  constructor(private readonly suggestions: SuggestionsService) {}

  /** Articles for a ticket's subject and body: deflection in the portal, assist for agents. */
  @Post('suggestions')
  @HttpCode(200)
  @Public()
  @UseGuards(AnonymousRateLimitGuard)
  async suggest(@Body() request: SuggestArticlesDto, @CurrentActor() actor: Actor | undefined) {
    return { items: await this.suggestions.suggest(request, readerScope(actor)) };
  }

  @Post('articles/:id/solutions')
  @Roles('admin', 'agent')
  async link(
    @Param() params: IdParams,
    @Body() dto: LinkSolutionDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.suggestions.link(params.id, dto.ticketId, actor);
    reply.status(result.created ? 201 : 200);

    return result;
  }

  @Get('articles/:id/solutions')
  @Roles('admin', 'agent')
  async links(@Param() params: IdParams) {
    const links = await this.suggestions.links(params.id);

    return { items: links.map((link) => ({ ...link, linkedAt: link.linkedAt.toISOString() })) };
  }

  @Delete('articles/:id/solutions/:ticketId')
  @HttpCode(204)
  @Roles('admin', 'agent')
  async unlink(@Param() params: SolutionLinkParams): Promise<void> {
    await this.suggestions.unlink(params.id, params.ticketId);
  }
}
