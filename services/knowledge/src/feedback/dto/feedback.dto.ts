import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { Trim } from '../../articles/dto/article-fields';
import { PageQueryDto } from '../../common/page-query.dto';

export class CreateFeedbackDto {
  @IsBoolean()
  helpful!: boolean;

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2_000)
  comment?: string;
}

export class ListFeedbackDto extends PageQueryDto {}
