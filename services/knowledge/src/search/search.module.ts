import { Module } from '@nestjs/common';
import { SearchCache } from './search-cache';
import { SearchController } from './search.controller';
import { SearchPoolModule } from './search-pool';
import { SearchService } from './search.service';
import { SearchVersion } from './search-version';

@Module({
  imports: [SearchPoolModule],
  controllers: [SearchController],
  providers: [SearchService, SearchCache, SearchVersion],
})
export class SearchModule {}
