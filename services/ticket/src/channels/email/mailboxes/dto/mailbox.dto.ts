import { PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

/** An IMAP mailbox to poll; the password itself stays in the environment variable it names. */
export class CreateMailboxDto {
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  /** The address customers write to; mail from it is treated as the desk's own. */
  @IsEmail()
  address!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(255)
  host!: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  port!: number;

  /** Implicit TLS (port 993); false connects in plain text and upgrades with STARTTLS when offered. */
  @IsOptional()
  @IsBoolean()
  secure?: boolean;

  @IsString()
  @MinLength(1)
  @MaxLength(255)
  username!: string;

  /** Name of the environment variable that contains the password, e.g. `IMAP_SUPPORT_PASSWORD`. */
  @Matches(/^[A-Z_][A-Z0-9_]{0,99}$/, {
    message: 'passwordVariable must be an environment variable name in upper case',
  })
  passwordVariable!: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  folder?: string;

  @IsUUID()
  queueId!: string;

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateMailboxDto extends PartialType(CreateMailboxDto) {}
