import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@deskflow/auth';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { CreateOrganisationDto, UpdateOrganisationDto } from './dto/organisation.dto';
import { Organisation } from './organisation.entity';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Roles('admin', 'agent')
  @Get()
  list(): Promise<Organisation[]> {
    return this.organisations.list();
  }

  @Roles('admin', 'agent')
  @Get(':id')
  get(@Param('id', new UuidParamPipe('id')) id: string): Promise<Organisation> {
    return this.organisations.get(id);
  }

  @Roles('admin')
  @Post()
  create(@Body() body: CreateOrganisationDto): Promise<Organisation> {
    return this.organisations.create(body);
  }

  @Roles('admin')
  @Patch(':id')
  update(
    @Param('id', new UuidParamPipe('id')) id: string,
    @Body() body: UpdateOrganisationDto,
  ): Promise<Organisation> {
    return this.organisations.update(id, body);
  }
}
