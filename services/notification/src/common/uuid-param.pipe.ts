import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { ValidationFailedError } from '@deskflow/http';

/** Validates a path parameter as a UUID and names the parameter when it is not one. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (isUUID(value)) return value;

    throw new ValidationFailedError([
      { field: metadata.data ?? 'id', reason: `must be a UUID, got "${value}"` },
    ]);
  }
}
