import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@deskflow/auth';
import { Page } from '../common/cursor';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { DeliveriesService } from './deliveries.service';
import { DeliveryAttempt } from './delivery-attempt.entity';
import { Delivery } from './delivery.entity';
import { DeliveryListQuery } from './delivery.dto';

@ApiTags('deliveries')
@ApiBearerAuth()
@Roles('admin')
@Controller('deliveries')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  @Get()
  list(@Query() query: DeliveryListQuery): Promise<Page<Delivery>> {
    return this.deliveries.list(query);
  }

  @Get(':id')
  get(
    @Param('id', UuidParamPipe) id: string,
  ): Promise<Delivery & { attemptLog: DeliveryAttempt[] }> {
    return this.deliveries.get(id);
  }

  @Post(':id/resend')
  @HttpCode(202)
  resend(@Param('id', UuidParamPipe) id: string): Promise<Delivery> {
    return this.deliveries.resend(id);
  }
}
