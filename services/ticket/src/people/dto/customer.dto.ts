import { PartialType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { LOCALES, Locale } from '@deskflow/contracts';

export class CreateCustomerDto {
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @IsOptional()
  @IsIn(LOCALES)
  language?: Locale;

  @IsOptional()
  @IsUUID()
  organisationId?: string | null;

  @IsOptional()
  @IsString()
  @MinLength(10)
  @MaxLength(1024)
  password?: string;

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateCustomerDto extends PartialType(CreateCustomerDto) {}
