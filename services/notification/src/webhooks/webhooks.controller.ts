import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@deskflow/auth';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { CreateWebhookDto, UpdateWebhookDto } from './webhook.dto';
import { WebhookSubscription } from './webhook-subscription.entity';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@ApiBearerAuth()
@Roles('admin', 'integration')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  list(): Promise<WebhookSubscription[]> {
    return this.webhooks.list();
  }

  @Get(':id')
  get(@Param('id', UuidParamPipe) id: string): Promise<WebhookSubscription> {
    return this.webhooks.get(id);
  }

  @Post()
  create(@Body() body: CreateWebhookDto): Promise<WebhookSubscription> {
    return this.webhooks.create(body);
  }

  @Patch(':id')
  update(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateWebhookDto,
  ): Promise<WebhookSubscription> {
    return this.webhooks.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', UuidParamPipe) id: string): Promise<void> {
    await this.webhooks.remove(id);
  }
}
