import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { LinksModule } from '../links/links.module';
import { SatisfactionModule } from '../satisfaction/satisfaction.module';
import { TicketsModule } from '../tickets/tickets.module';
import { PortalController } from './portal.controller';
import { PortalService } from './portal.service';
import { ReadArticlesHook } from './read-articles.hook';

@Module({
  imports: [TicketsModule, ArticlesModule, SatisfactionModule, LinksModule],
  controllers: [PortalController],
  providers: [PortalService, ReadArticlesHook],
})
export class PortalModule {}
