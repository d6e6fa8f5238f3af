import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { TicketFieldsDto } from './ticket-fields.dto';

/** A partial update; fields left out stay as they are. */
export class UpdateTicketDto extends TicketFieldsDto {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  title?: string;
}
