import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsoWeekday } from '../business-time';

export class WorkingIntervalDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday' })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday!: IsoWeekday;

  @ApiProperty({ example: '08:00' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, {
    message: 'start must be a wall time HH:MM from 00:00 to 23:59',
  })
  start!: string;

  @ApiProperty({
    example: '17:00',
    description: 'An end not later than the start is an overnight shift; 24:00 is allowed',
  })
  @Matches(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, {
    message: 'end must be a wall time HH:MM from 00:00 to 24:00',
  })
  end!: string;
}

export class CreateCalendarDto {
  @ApiProperty()
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'Europe/Berlin' })
  @IsString()
  timeZone!: string;

  @ApiPropertyOptional({ description: 'Open around the clock; intervals are then ignored' })
  @IsOptional()
  @IsBoolean()
  alwaysOpen?: boolean;

  @ApiPropertyOptional({ type: [WorkingIntervalDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => WorkingIntervalDto)
  intervals?: WorkingIntervalDto[];

  @ApiPropertyOptional({ example: ['12-25'], description: 'Holidays repeating every year, MM-DD' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(366)
  @Matches(/^\d{2}-\d{2}$/, { each: true, message: 'each recurring holiday must be MM-DD' })
  recurringHolidays?: string[];

  @ApiPropertyOptional({ example: ['2026-11-18'], description: 'One-off holidays, YYYY-MM-DD' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { each: true, message: 'each holiday must be YYYY-MM-DD' })
  holidays?: string[];
}

export class UpdateCalendarDto extends PartialType(CreateCalendarDto) {}

/** Either `durationMinutes`/`durationSeconds` (returns the due time) or `end` (returns business seconds). */
export class ComputeBusinessTimeDto {
  @ApiProperty({ example: '2026-11-13T17:30:00+01:00' })
  @IsISO8601({ strict: true })
  start!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10 * 365 * 24 * 60)
  durationMinutes?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10 * 365 * 24 * 3600)
  durationSeconds?: number;

  @ApiPropertyOptional({ description: 'Must not be before start' })
  @IsOptional()
  @IsISO8601({ strict: true })
  end?: string;
}
