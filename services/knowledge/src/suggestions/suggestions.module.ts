import { Module } from '@nestjs/common';
import { SuggestionsController } from './suggestions.controller';
import { SuggestionsService } from './suggestions.service';
import { TermStatsRefresher } from './term-stats.refresher';

@Module({
  controllers: [SuggestionsController],
  providers: [SuggestionsService, TermStatsRefresher],
})
export class SuggestionsModule {}
