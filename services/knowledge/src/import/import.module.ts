import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { CategoriesModule } from '../categories/categories.module';
import { ImportController } from './import.controller';
import { ImportService } from './import.service';

@Module({ imports: [ArticlesModule, CategoriesModule], controllers: [ImportController], providers: [ImportService] })
export class ImportModule {}
