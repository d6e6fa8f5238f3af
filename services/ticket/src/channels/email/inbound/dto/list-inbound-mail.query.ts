import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export class ListInboundMailQuery {
  @IsOptional()
  @IsUUID()
  ticketId?: string;

  @IsOptional()
  @IsIn(['received', 'ticket_created', 'article_added', 'note_added', 'ignored', 'failed'])
  status?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
