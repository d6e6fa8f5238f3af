import { Transform, Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CHANNELS, Channel } from '@deskflow/contracts';
import { NewArticleDto } from '../../articles/dto/new-article.dto';
import { INITIAL_STATES, notInitialStateReason } from '../ticket-states';
import { TicketFieldsDto } from './ticket-fields.dto';

/** A customer to find by email or create, for tickets logged on behalf of someone new. */
export class CustomerRefDto {
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;
}

export class CreateTicketDto extends TicketFieldsDto {
  // A title of only spaces would otherwise be stored empty after trimming.
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  title!: string;

  @IsOptional()
  @IsIn(INITIAL_STATES, { message: ({ value }) => notInitialStateReason(value) })
  state?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => CustomerRefDto)
  customer?: CustomerRefDto;

  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @IsOptional()
  @ValidateNested()
  @Type(() => NewArticleDto)
  article?: NewArticleDto;
}
