import { Module } from '@nestjs/common';
import { ArticleReaderService } from './article-reader.service';
import { ArticleWriterService } from './article-writer.service';
import { ArticlesController } from './articles.controller';

@Module({
  controllers: [ArticlesController],
  providers: [ArticleReaderService, ArticleWriterService],
  exports: [ArticleReaderService, ArticleWriterService],
})
export class ArticlesModule {}
