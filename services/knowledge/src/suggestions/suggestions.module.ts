import { Module } from '@nestjs/common';
import { SearchPoolModule } from '../search/search-pool';
import { SuggestionsController } from './suggestions.controller';
import { SuggestionsService } from './suggestions.service';
import { TermStatsRefresher } from './term-stats.refresher';

@Module({
  imports: [SearchPoolModule],
  controllers: [SuggestionsController],
  providers: [SuggestionsService, TermStatsRefresher],
})
export class SuggestionsModule {}
