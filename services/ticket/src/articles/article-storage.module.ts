import { Module } from '@nestjs/common';
import { ArticleWriter } from './article-writer.service';

/** Writing articles and attachments, shared by ticket creation and the articles endpoints. */
@Module({
  providers: [ArticleWriter],
  exports: [ArticleWriter],
})
export class ArticleStorageModule {}
