import { Transform } from 'class-transformer';
import { queryInteger } from '../common/query-transforms';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { NOTIFICATION_CHANNELS } from '@deskflow/contracts';
import { DELIVERY_STATUSES } from './delivery.entity';

export class DeliveryListQuery {
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: string;

  @IsOptional()
  @IsIn(NOTIFICATION_CHANNELS)
  channel?: string;

  @IsOptional()
  @IsUUID()
  ticketId?: string;

  @IsOptional()
  @IsUUID()
  sourceEventId?: string;

  /** `agent:<id>`, `customer:<id>`, `email:<address>` or `webhook:<id>`. */
  @IsOptional()
  @IsString()
  @MaxLength(400)
  recipientKey?: string;

  @IsOptional()
  @IsString()
  cursor?: string;

  @IsOptional()
  @Transform(queryInteger)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
