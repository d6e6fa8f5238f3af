import { Injectable, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { ValidationFailedError } from '@deskflow/http';

/** Checks that a path parameter is a UUID and names the parameter when it is not. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  constructor(private readonly field: string) {}

  transform(value: string): string {
    if (!isUUID(value)) {
      throw new ValidationFailedError([
        { field: this.field, reason: `must be a UUID, got "${value.slice(0, 60)}"` },
      ]);
    }

    return value;
  }
}

/** Accepts a ticket's UUID or its number; the service looks it up by whichever it is. */
@Injectable()
export class TicketRefPipe implements PipeTransform<string, string> {
  constructor(private readonly field = 'ticketId') {}

  transform(value: string): string {
    if (!isUUID(value) && !/^\d{1,32}$/.test(value)) {
      throw new ValidationFailedError([
        {
          field: this.field,
          reason: `must be a ticket UUID or ticket number, got "${value.slice(0, 60)}"`,
        },
      ]);
    }

    return value;
  }
}
