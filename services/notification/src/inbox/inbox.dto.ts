import { Transform } from 'class-transformer';
import { queryBoolean, queryInteger } from '../common/query-transforms';
import { IsBoolean, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

export class InboxListQuery {
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  unreadOnly?: boolean;

  @IsOptional()
  @IsString()
  cursor?: string;

  @IsOptional()
  @Transform(queryInteger)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
