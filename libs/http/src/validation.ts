import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { ValidationFailedError } from './app-error';
import { fieldProblemsOf, findNonObjectProblem } from './field-path';
import { cacheValidationMetadata } from './validation-metadata-cache';

/**
 * Rejects a whole body that is not a JSON object before Nest's pipe validates it, because the
 * pipe would read an array, a string, a number or `null` as an object without fields and name
 * every required field as missing. A request without a body stays undefined and gets those
 * field errors, so that endpoints whose fields are all optional accept it.
 */
class BodyValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (
      metadata.type === 'body' &&
      !metadata.data &&
      value !== undefined &&
      this.toValidate(metadata)
    ) {
      const problem = findNonObjectProblem(value);
      if (problem) throw new ValidationFailedError([problem]);
    }

    return super.transform(value, metadata);
  }
}

/** The global pipe: whitelist, reject unknown fields, transform, and name every bad field. */
export function createValidationPipe(): ValidationPipe {
  cacheValidationMetadata();

  return new BodyValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => new ValidationFailedError(fieldProblemsOf(errors)),
  });
}
