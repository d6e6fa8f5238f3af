import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Public } from '@deskflow/auth';
import { readerScope } from '../common/reader-scope';
import { SearchArticlesDto } from './dto/search-articles.dto';
import { SearchResult, SearchService } from './search.service';

@ApiTags('search')
@ApiBearerAuth()
@Controller('search')
export class SearchController {
  constructor(private readonly searchService: SearchService) {}

  @Get()
  @Public()
  async search(
    @Query() request: SearchArticlesDto,
    @CurrentActor() actor: Actor | undefined,
  ): Promise<SearchResult> {
    return this.searchService.search(request, readerScope(actor));
  }
}
