import { IsIn, IsObject, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { LOCALES } from '@deskflow/contracts';

const KEY_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

export class TemplateParams {
  @Matches(KEY_PATTERN, { message: 'key must be lower-case letters, digits and underscores' })
  key!: string;

  @IsIn(LOCALES)
  locale!: string;
}

export class TemplateListQuery {
  @IsOptional()
  @Matches(KEY_PATTERN, { message: 'key must be lower-case letters, digits and underscores' })
  key?: string;
}

export class PutTemplateDto {
  @IsString()
  @Length(1, 500)
  subject!: string;

  @IsString()
  @Length(1, 100_000)
  textBody!: string;

  @IsString()
  @Length(1, 200_000)
  htmlBody!: string;
}

export class PreviewTemplateDto {
  @Matches(KEY_PATTERN, { message: 'key must be lower-case letters, digits and underscores' })
  key!: string;

  @IsString()
  @MaxLength(10)
  locale!: string;

  /** Values that replace the sample values, e.g. `{"ticketTitle": "Printer"}`. */
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;
}
