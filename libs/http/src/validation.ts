import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { ValidationError, ValidatorOptions } from 'class-validator';
import { ValidationFailedError } from './app-error';
import { findNonObjectProblem } from './field-path';
import { findMissingNested, mergeValidationErrors } from './missing-nested';
import { fieldProblemsOf } from './validation-problems';
import { cacheValidationMetadata } from './validation-metadata-cache';

/** Class-validator's errors, passed from the exception factory to the pipe that has their source. */
class ClassValidationErrors extends Error {
  constructor(readonly errors: ValidationError[]) {
    super('validation failed');
  }
}

/**
 * Rejects a whole body that is not a JSON object before Nest's pipe validates it, because the
 * pipe would read an array, a string, a number or `null` as an object without fields and name
 * every required field as missing. A request without a body stays undefined and gets those
 * field errors, so that endpoints whose fields are all optional accept it. Field errors name
 * the part of the request, because a repeated query parameter arrives as an array. Required
 * `@ValidateNested()` properties that class-validator lets pass when missing are errors too.
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

    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (!(error instanceof ClassValidationErrors)) throw error;

      throw new ValidationFailedError(fieldProblemsOf(error.errors, '', metadata.type));
    }
  }

  protected override async validate(
    object: object,
    validatorOptions?: ValidatorOptions,
  ): Promise<ValidationError[]> {
    const errors = await super.validate(object, validatorOptions);

    return mergeValidationErrors(errors, findMissingNested(object));
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
    exceptionFactory: (errors) => new ClassValidationErrors(errors),
  });
}
