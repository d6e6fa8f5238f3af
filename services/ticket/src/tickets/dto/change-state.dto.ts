import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { STATE_NAMES } from '../ticket-states';

export class ChangeStateDto {
  @IsIn(STATE_NAMES)
  state!: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  pendingUntil?: string | null;
}
