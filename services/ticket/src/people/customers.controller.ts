import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@deskflow/auth';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { Customer } from './customer.entity';
import { CustomersService } from './customers.service';
import { CreateCustomerDto, UpdateCustomerDto } from './dto/customer.dto';
import { ListCustomersQuery } from './dto/list-customers.query';

@ApiTags('customers')
@ApiBearerAuth()
@Roles('admin', 'agent')
@Controller('customers')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Get()
  list(@Query() query: ListCustomersQuery): Promise<Customer[]> {
    return this.customers.list(query.organisationId);
  }

  @Get(':id')
  get(@Param('id', new UuidParamPipe('id')) id: string): Promise<Customer> {
    return this.customers.get(id);
  }

  @Post()
  create(@Body() body: CreateCustomerDto): Promise<Customer> {
    return this.customers.create(body);
  }

  @Patch(':id')
  update(
    @Param('id', new UuidParamPipe('id')) id: string,
    @Body() body: UpdateCustomerDto,
  ): Promise<Customer> {
    return this.customers.update(id, body);
  }
}
