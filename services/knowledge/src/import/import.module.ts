import multipart from '@fastify/multipart';
import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { ArticlesModule } from '../articles/articles.module';
import { CategoriesModule } from '../categories/categories.module';
import { ImportController } from './import.controller';
import { ImportService } from './import.service';

@Module({
  imports: [ArticlesModule, CategoriesModule],
  controllers: [ImportController],
  providers: [ImportService],
})
export class ImportModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /**
   * Registers multipart parsing; the upload parser sets its limits per request. Awaiting the
   * plugin here would load it before Nest installs its error handler, so it is not awaited.
   */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    if (!fastify.hasContentTypeParser('multipart/form-data')) {
      void fastify.register(multipart);
    }
  }
}
