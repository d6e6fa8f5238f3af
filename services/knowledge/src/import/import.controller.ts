import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Actor, CurrentActor, Roles } from '@deskflow/auth';
import { ImportArticlesDto } from './dto/import-articles.dto';
import { ImportReport, ImportService } from './import.service';
import { readImportUpload } from './import-upload.parser';

@ApiTags('import')
@ApiBearerAuth()
@Controller('articles/import')
export class ImportController {
  constructor(private readonly importService: ImportService) {}

  /** Imports Markdown files with front matter; repeating an import changes nothing. */
  @Post()
  @HttpCode(200)
  @Roles('admin')
  async importFiles(
    @Body() request: ImportArticlesDto,
    @CurrentActor() actor: Actor,
  ): Promise<ImportReport> {
    return this.importService.importFiles(request, actor);
  }

  /** Imports uploaded `.md` files, one part per file named by its path, like the JSON import. */
  @Post('files')
  @HttpCode(200)
  @Roles('admin')
  @ApiConsumes('multipart/form-data')
  async importUpload(
    @Req() request: FastifyRequest,
    @CurrentActor() actor: Actor,
  ): Promise<ImportReport> {
    return this.importService.importFiles(await readImportUpload(request), actor);
  }
}
