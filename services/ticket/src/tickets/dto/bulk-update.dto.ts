import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  Matches,
  ValidateNested,
} from 'class-validator';
import { IsIfMatch } from '@deskflow/http';
import { UpdateTicketDto } from './update-ticket.dto';

export const BULK_MODES = ['atomic', 'per_ticket'] as const;
export type BulkMode = (typeof BULK_MODES)[number];

export class BulkTicketRefDto {
  @Matches(/^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{1,32})$/i, {
    message: 'id must be a ticket UUID or ticket number',
  })
  id!: string;

  /** The ETag the caller last read; when given, a ticket changed since then is not updated (412). */
  @IsOptional()
  @IsIfMatch()
  ifMatch?: string;
}

export class BulkUpdateDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => BulkTicketRefDto)
  tickets!: BulkTicketRefDto[];

  @ValidateNested()
  @Type(() => UpdateTicketDto)
  changes!: UpdateTicketDto;

  /** `atomic`: all tickets change or none; `per_ticket`: each ticket succeeds or fails alone. */
  @IsIn(BULK_MODES)
  mode!: BulkMode;
}
