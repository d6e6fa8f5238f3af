import { Module } from '@nestjs/common';
import { SearchCache } from './search-cache';
import { SearchController } from './search.controller';
import { SearchPoolModule } from './search-pool';
import { SearchService } from './search.service';

@Module({
  imports: [SearchPoolModule],
  controllers: [SearchController],
  providers: [SearchService, SearchCache],
})
export class SearchModule {}
