import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Visibility, VISIBILITIES } from '../../articles/article.entity';
import { ARTICLE_LIMITS } from '../../articles/dto/article-fields';

export const IMPORT_STATUSES = ['draft', 'published'] as const;
/** Files per import request. */
export const MAX_IMPORT_FILES = 500;
/** Characters per imported file: a maximum-length body plus room for front matter. */
export const MAX_IMPORT_FILE_LENGTH = ARTICLE_LIMITS.bodyLength + 10_000;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export class ImportFileDto {
  /** Path relative to the imported folder, e.g. `de/vpn/setup.md`; the key when front matter has none. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  path!: string;

  /** Markdown with optional YAML front matter. */
  @IsString()
  @MaxLength(MAX_IMPORT_FILE_LENGTH)
  content!: string;
}

/** Values for files whose front matter leaves them out. */
export class ImportDefaultsDto {
  @IsOptional()
  @IsIn(VISIBILITIES)
  visibility?: Visibility;

  @IsOptional()
  @IsIn(IMPORT_STATUSES)
  status?: ImportStatus;
}

export class ImportArticlesDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_IMPORT_FILES)
  @ValidateNested({ each: true })
  @Type(() => ImportFileDto)
  files!: ImportFileDto[];

  @IsOptional()
  @ValidateNested()
  @Type(() => ImportDefaultsDto)
  defaults?: ImportDefaultsDto;
}
