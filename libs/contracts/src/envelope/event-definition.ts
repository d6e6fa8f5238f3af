import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';

type Constructor<T> = new () => T;

/** One event type: its name, payload class and payload version. */
export interface EventDefinition<T extends object = object> {
  type: string;
  version: number;
  payload: Constructor<T>;
}

export function defineEvent<T extends object>(
  type: string,
  version: number,
  payload: Constructor<T>,
): EventDefinition<T> {
  return { type, version, payload };
}

export function dataSchemaOf(definition: EventDefinition): string {
  return `urn:deskflow:${definition.type}:${definition.version}`;
}

/** Raised when an event's payload does not satisfy its contract. */
export class InvalidEventPayloadError extends Error {
  constructor(
    readonly eventType: string,
    readonly details: string[],
  ) {
    super(`invalid payload for ${eventType}: ${details.join('; ')}`);
  }
}

function flatten(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => `${path}: ${reason}`);

    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/**
 * Converts a plain payload into its contract class and validates it. Unknown fields are kept
 * out, so that a newer producer adding a field stays compatible with an older consumer.
 */
export async function parsePayload<T extends object>(
  definition: EventDefinition<T>,
  data: unknown,
): Promise<T> {
  if (typeof data !== 'object' || data === null) {
    throw new InvalidEventPayloadError(definition.type, ['payload: must be a JSON object']);
  }

  const instance = plainToInstance(definition.payload, data);
  const errors = await validate(instance, { whitelist: true, forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new InvalidEventPayloadError(definition.type, flatten(errors));
  }

  return instance;
}
