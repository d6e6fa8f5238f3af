import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Public, Roles } from '@deskflow/auth';
import { IdParams } from '../common/route-params';
import { CategoriesService } from './categories.service';
import { CreateCategoryDto, UpdateCategoryDto } from './dto/category.dto';

@ApiTags('categories')
@ApiBearerAuth()
@Controller('categories')
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  @Get()
  @Public()
  async tree() {
    return { items: await this.categories.tree() };
  }

  @Post()
  @Roles('admin', 'agent')
  async create(@Body() dto: CreateCategoryDto) {
    return this.categories.create(dto);
  }

  @Patch(':id')
  @Roles('admin', 'agent')
  async update(@Param() params: IdParams, @Body() dto: UpdateCategoryDto) {
    return this.categories.update(params.id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  async remove(@Param() params: IdParams): Promise<void> {
    await this.categories.remove(params.id);
  }
}
