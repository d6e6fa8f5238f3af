import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';

/** A phone call an agent logs, on an existing ticket or opening a new one. */
export class LogPhoneCallDto {
  /** The ticket the call belongs to; without it a new ticket is opened for `customerEmail`. */
  @IsOptional()
  @IsUUID()
  ticketId?: string;

  @ValidateIf((call: LogPhoneCallDto) => !call.ticketId)
  @IsEmail()
  @MaxLength(320)
  customerEmail?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  customerName?: string;

  /** Title of the new ticket; defaults to the first line of the notes. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  title?: string;

  @IsIn(['inbound', 'outbound'])
  direction!: 'inbound' | 'outbound';

  /** Length of the call in seconds, at most 24 hours. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(86_400)
  durationSeconds!: number;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  phoneNumber?: string;

  /** The agent's summary of the call. */
  @IsString()
  @MinLength(1)
  @MaxLength(100_000)
  notes!: string;
}
