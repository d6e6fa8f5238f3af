import { Module } from '@nestjs/common';
import { SearchController } from './search.controller';
import { SearchPoolModule } from './search-pool';
import { SearchService } from './search.service';

@Module({
  imports: [SearchPoolModule],
  controllers: [SearchController],
  providers: [SearchService],
})
export class SearchModule {}
