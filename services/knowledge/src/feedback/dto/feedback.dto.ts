import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Trim } from '../../articles/dto/article-fields';

export class CreateFeedbackDto {
  @IsBoolean()
  helpful!: boolean;

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2_000)
  comment?: string;
}

export class ListFeedbackDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}
