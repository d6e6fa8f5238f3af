import { PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ORGANISATION_TIERS, OrganisationTier } from '@deskflow/contracts';

export class CreateOrganisationDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @IsOptional()
  @IsIn(ORGANISATION_TIERS)
  serviceTier?: OrganisationTier;

  @IsOptional()
  @IsBoolean()
  shareTickets?: boolean;
}

export class UpdateOrganisationDto extends PartialType(CreateOrganisationDto) {}
