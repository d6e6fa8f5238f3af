import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ValidationFailedError } from '@deskflow/http';

/** Binds a route parameter that must be a UUID; anything else is a 400 naming the parameter. */
export function UuidParam(name: string): ParameterDecorator {
  return Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        new ValidationFailedError([{ field: name, reason: 'must be a UUID' }]),
    }),
  );
}
