import { ConflictError, ValidationFailedError } from '@deskflow/http';

function postgresCode(error: unknown): string | undefined {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = candidate.driverError?.code ?? candidate.code;

  return typeof code === 'string' ? code : undefined;
}

/** Turns a unique-key violation into a 409 naming the field; rethrows anything else. */
export function rethrowUniqueViolation(error: unknown, field: string, value: string): never {
  if (postgresCode(error) === '23505') {
    throw new ConflictError('already_exists', `${field} ${value} is already in use`, [
      { field, reason: 'already in use' },
    ]);
  }
  throw error;
}

/** Turns a foreign-key violation into a 400 naming the field; rethrows anything else. */
export function rethrowMissingReference(error: unknown, field: string): never {
  if (postgresCode(error) === '23503') {
    throw new ValidationFailedError([{ field, reason: 'refers to a record that does not exist' }]);
  }
  throw error;
}
