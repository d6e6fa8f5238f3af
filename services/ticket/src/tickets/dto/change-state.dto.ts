import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { REQUESTABLE_STATES } from '../ticket-states';

export class ChangeStateDto {
  @IsIn(REQUESTABLE_STATES)
  state!: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  pendingUntil?: string | null;
}
