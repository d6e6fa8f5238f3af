import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, CurrentActor, Public, Roles } from '@deskflow/auth';
import { parseIfMatch, ValidationFailedError, versionEtag } from '@deskflow/http';
import { IfMatchRequiredError } from '../common/knowledge.error';
import { readerScope } from '../common/reader-scope';
import { IdParams, VersionParams } from '../common/route-params';
import { ArticleReaderService } from './article-reader.service';
import { ArticleView, toArticleView, toVersionView } from './article-view';
import { ArticleWriterService } from './article-writer.service';
import { Article } from './article.entity';
import { CreateArticleDto } from './dto/create-article.dto';
import { ListArticlesDto } from './dto/list-articles.dto';
import { TransitionArticleDto } from './dto/transition-article.dto';
import { UpdateArticleDto } from './dto/update-article.dto';

@ApiTags('articles')
@ApiBearerAuth()
@Controller('articles')
export class ArticlesController {
  constructor(
    private readonly reader: ArticleReaderService,
    private readonly writer: ArticleWriterService,
  ) {}

  @Post()
  @Roles('admin', 'agent')
  async create(
    @Body() dto: CreateArticleDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ArticleView> {
    const article = await this.writer.create(
      {
        ...dto,
        summary: dto.summary ?? '',
        keywords: dto.keywords ?? [],
        categoryId: dto.categoryId ?? null,
      },
      actor,
    );

    return withEtag(reply, article);
  }

  @Get()
  @Public()
  async list(@Query() filter: ListArticlesDto, @CurrentActor() actor: Actor | undefined) {
    const scope = readerScope(actor);
    const page = await this.reader.list(filter, scope);

    return {
      items: page.items.map((article) => toArticleView(article, scope.staff)),
      nextCursor: page.nextCursor,
    };
  }

  @Get(':id')
  @Public()
  async get(
    @Param() params: IdParams,
    @CurrentActor() actor: Actor | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ArticleView> {
    const scope = readerScope(actor);
    const article = await this.reader.get(params.id, scope);
    article.viewCount = await this.reader.countView(article);
    const translations = await this.reader.translations(article, scope);
    reply.header('ETag', versionEtag(article.rowVersion));

    return toArticleView(article, scope.staff, translations);
  }

  @Patch(':id')
  @Roles('admin', 'agent')
  async update(
    @Param() params: IdParams,
    @Body() dto: UpdateArticleDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ArticleView> {
    const condition = parseIfMatch(ifMatch);
    if (condition === undefined) throw new IfMatchRequiredError();
    if (Object.keys(dto).length === 0) {
      throw new ValidationFailedError([{ field: 'body', reason: 'no field to update' }]);
    }
    const article = await this.writer.update(params.id, dto, condition, actor);

    return withEtag(reply, article);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @Roles('admin', 'agent')
  async transition(
    @Param() params: IdParams,
    @Body() dto: TransitionArticleDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ArticleView> {
    const article = await this.writer.transition(
      params.id,
      dto.status,
      parseIfMatch(ifMatch),
      actor,
    );

    return withEtag(reply, article);
  }

  @Get(':id/versions')
  @Roles('admin', 'agent')
  async versions(@Param() params: IdParams) {
    const versions = await this.reader.versions(params.id);

    return { items: versions.map(toVersionView) };
  }

  @Get(':id/versions/:version')
  @Roles('admin', 'agent')
  async version(@Param() params: VersionParams) {
    return toVersionView(await this.reader.version(params.id, params.version));
  }

  @Post(':id/versions/:version/restore')
  @HttpCode(200)
  @Roles('admin', 'agent')
  async restore(
    @Param() params: VersionParams,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ArticleView> {
    const article = await this.writer.restore(
      params.id,
      params.version,
      parseIfMatch(ifMatch),
      actor,
    );

    return withEtag(reply, article);
  }
}

function withEtag(reply: FastifyReply, article: Article): ArticleView {
  reply.header('ETag', versionEtag(article.rowVersion));

  return toArticleView(article, true);
}
