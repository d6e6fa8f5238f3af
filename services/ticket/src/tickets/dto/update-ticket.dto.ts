import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { REQUESTABLE_STATES } from '../ticket-states';
import { TicketFieldsDto } from './ticket-fields.dto';

/** A partial update; fields left out stay as they are. */
export class UpdateTicketDto extends TicketFieldsDto {
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  title?: string;

  @IsOptional()
  @IsIn(REQUESTABLE_STATES)
  state?: string;
}
