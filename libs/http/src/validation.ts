import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldProblem, ValidationFailedError } from './app-error';
import { cacheValidationMetadata } from './validation-metadata-cache';

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason }));

    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** The global pipe: whitelist, reject unknown fields, transform, and name every bad field. */
export function createValidationPipe(): ValidationPipe {
  cacheValidationMetadata();

  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => new ValidationFailedError(flatten(errors)),
  });
}
