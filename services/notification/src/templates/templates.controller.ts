import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@deskflow/auth';
import { NOTIFICATION_SETTINGS, NotificationSettings } from '../settings/notification-settings';
import { localizeVariables } from './localized-values';
import { NotificationTemplate } from './notification-template.entity';
import { SAMPLE_VARIABLES } from './sample-variables';
import {
  PreviewTemplateDto,
  PutTemplateDto,
  TemplateListQuery,
  TemplateParams,
} from './template.dto';
import { RenderedTemplate, TemplatesService } from './templates.service';

@ApiTags('templates')
@ApiBearerAuth()
@Roles('admin')
@Controller('templates')
export class TemplatesController {
  constructor(
    private readonly templates: TemplatesService,
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
  ) {}

  @Get()
  list(@Query() query: TemplateListQuery): Promise<NotificationTemplate[]> {
    return this.templates.list(query.key);
  }

  @Get(':key/:locale')
  get(@Param() params: TemplateParams): Promise<NotificationTemplate> {
    return this.templates.resolve(params.key, params.locale);
  }

  @Put(':key/:locale')
  put(
    @Param() params: TemplateParams,
    @Body() body: PutTemplateDto,
  ): Promise<NotificationTemplate> {
    return this.templates.put(params.key, params.locale, body);
  }

  @Delete(':key/:locale')
  @HttpCode(204)
  async remove(@Param() params: TemplateParams): Promise<void> {
    await this.templates.remove(params.key, params.locale);
  }

  /** Renders a template with sample values, overridden by the request's values. */
  @Post('preview')
  @HttpCode(200)
  preview(@Body() body: PreviewTemplateDto): Promise<RenderedTemplate> {
    const variables = localizeVariables(
      { ...SAMPLE_VARIABLES, ...(body.variables ?? {}) },
      body.locale,
      this.settings.displayTimeZone,
      new Date('2026-11-16T10:00:00Z'),
    );

    return this.templates.render(body.key, body.locale, variables);
  }
}
