import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@deskflow/auth';
import { ImportArticlesDto } from './dto/import-articles.dto';
import { ImportReport, ImportService } from './import.service';

@ApiTags('import')
@ApiBearerAuth()
@Controller('articles/import')
export class ImportController {
  constructor(private readonly importService: ImportService) {}

  /** Imports Markdown files with front matter; repeating an import changes nothing. */
  @Post()
  @HttpCode(200)
  @Roles('admin')
  async importFiles(@Body() request: ImportArticlesDto, @CurrentActor() actor: Actor): Promise<ImportReport> {
    return this.importService.importFiles(request, actor);
  }
}
