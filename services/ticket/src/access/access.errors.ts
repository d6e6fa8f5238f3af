import { AppError, FieldProblem } from '@deskflow/http';

/** The caller may see the resource but lacks the permission or scope for this action. */
export class AccessDeniedError extends AppError {
  constructor(message: string, details: FieldProblem[] = []) {
    super('access_denied', message, 403, details);
  }
}
