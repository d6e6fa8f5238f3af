import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@deskflow/auth';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { ApiKey } from './api-key.entity';
import { ApiKeysService, IssuedApiKey } from './api-keys.service';
import { CreateApiKeyDto } from './dto/create-api-key.dto';

@ApiTags('api-keys')
@ApiBearerAuth()
@Roles('admin')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  issue(@Body() body: CreateApiKeyDto, @CurrentActor() actor: Actor): Promise<IssuedApiKey> {
    return this.apiKeys.issue(body.name, body.scopes, actor);
  }

  @Get()
  list(): Promise<ApiKey[]> {
    return this.apiKeys.list();
  }

  @Delete(':id')
  revoke(@Param('id', new UuidParamPipe('id')) id: string): Promise<ApiKey> {
    return this.apiKeys.revoke(id);
  }
}
