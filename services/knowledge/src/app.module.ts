import { Module } from '@nestjs/common';
import { Topics } from '@deskflow/contracts';
import { AuthModule } from '@deskflow/auth';
import { MessagingModule } from '@deskflow/messaging';
import { ObservabilityModule } from '@deskflow/observability';
import { PersistenceModule } from '@deskflow/persistence';
import { ArticleVersion } from './articles/article-version.entity';
import { Article } from './articles/article.entity';
import { ArticlesModule } from './articles/articles.module';
import { CategoriesModule } from './categories/categories.module';
import { Category } from './categories/category.entity';
import { migrations } from './database/migrations';
import { ArticleFeedback } from './feedback/article-feedback.entity';
import { FeedbackModule } from './feedback/feedback.module';
import { ImportModule } from './import/import.module';
import { SearchModule } from './search/search.module';
import { SolutionLink } from './suggestions/solution-link.entity';
import { SuggestionsModule } from './suggestions/suggestions.module';
import { WordTablesModule } from './word-tables/word-tables.module';

@Module({
  imports: [
    ObservabilityModule,
    PersistenceModule.forService({
      schema: 'knowledge',
      entities: [Category, Article, ArticleVersion, ArticleFeedback, SolutionLink],
      migrations,
    }),
    MessagingModule.forService({
      clientId: 'knowledge-service',
      schema: 'knowledge',
      source: 'deskflow/knowledge',
      topic: Topics.knowledge,
    }),
    AuthModule.forRoot(),
    CategoriesModule,
    ArticlesModule,
    SearchModule,
    SuggestionsModule,
    FeedbackModule,
    ImportModule,
    WordTablesModule,
  ],
})
export class AppModule {}
