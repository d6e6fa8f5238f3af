import { IsBoolean, IsIn } from 'class-validator';
import { ASSIGNMENT_MODES, AssignmentMode } from '../assignment-mode';

export class QueueAssignmentDto {
  @IsIn(ASSIGNMENT_MODES)
  mode!: AssignmentMode;
}

export class AvailabilityDto {
  @IsBoolean()
  available!: boolean;
}
