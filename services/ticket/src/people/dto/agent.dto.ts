import { PartialType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { LOCALES, Locale } from '@deskflow/contracts';
import { AGENT_ROLES, AgentRole } from '../agent.entity';

export class CreateAgentDto {
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

  @IsIn(AGENT_ROLES)
  role!: AgentRole;

  /** At least 10 characters; agents without a password cannot log in. */
  @IsOptional()
  @IsString()
  @MinLength(10)
  @MaxLength(1024)
  password?: string;

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateAgentDto extends PartialType(CreateAgentDto) {}
