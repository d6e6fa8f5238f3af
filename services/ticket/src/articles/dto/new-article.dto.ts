import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBase64,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  ARTICLE_KINDS,
  ARTICLE_VISIBILITIES,
  ArticleKind,
  ArticleVisibility,
  CHANNELS,
  Channel,
  SENDER_TYPES,
  SenderType,
} from '@deskflow/contracts';

export class AttachmentUploadDto {
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  filename!: string;

  @IsBase64()
  contentBase64!: string;

  /** Accepted for client convenience but ignored: the type is detected from the bytes. */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  contentType?: string;
}

/** An article in a request body. Threading and sender fields are for integrations only. */
export class NewArticleDto {
  @IsOptional()
  @IsIn(ARTICLE_KINDS)
  kind?: ArticleKind;

  @IsOptional()
  @IsIn(ARTICLE_VISIBILITIES)
  visibility?: ArticleVisibility;

  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @IsOptional()
  @IsString()
  @MaxLength(10000)
  subject?: string;

  @IsOptional()
  @IsString()
  @MaxLength(1_000_000)
  bodyText?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2_000_000)
  bodyHtml?: string;

  @IsOptional()
  @IsString()
  @MaxLength(998)
  from?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(998, { each: true })
  to?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(998, { each: true })
  cc?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AttachmentUploadDto)
  attachments?: AttachmentUploadDto[];

  @IsOptional()
  @IsIn(SENDER_TYPES)
  senderType?: SenderType;

  @IsOptional()
  @IsBoolean()
  automatic?: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(998)
  messageId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(998)
  inReplyTo?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(998, { each: true })
  references?: string[];
}
