import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, CurrentActor, Public } from '@deskflow/auth';
import { readerScope } from '../common/reader-scope';
import { SearchArticlesDto } from './dto/search-articles.dto';
import { SearchService } from './search.service';

@ApiTags('search')
@ApiBearerAuth()
@Controller('search')
export class SearchController {
  constructor(private readonly searchService: SearchService) {}

  @Get()
  @Public()
  @ApiOkResponse({ description: 'A `SearchResult` as JSON' })
  async search(
    @Query() request: SearchArticlesDto,
    @CurrentActor() actor: Actor | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    // The body is JSON text, which a cached response reuses without serializing it again.
    reply.type('application/json; charset=utf-8');

    return this.searchService.searchAsJson(request, readerScope(actor));
  }
}
