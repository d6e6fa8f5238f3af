import { FieldProblem, ValidationFailedError } from '@deskflow/http';
import { CustomFieldDefinition } from '../queues/queue.entity';
import { CustomFieldValues } from './ticket.entity';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkValue(definition: CustomFieldDefinition, value: unknown): string | undefined {
  switch (definition.type) {
    case 'string':
      return typeof value === 'string' && value.length <= 10000
        ? undefined
        : 'must be a string of at most 10000 characters';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? undefined
        : 'must be a finite number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'date':
      return typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value))
        ? undefined
        : 'must be a date as YYYY-MM-DD';
    case 'enum':
      return typeof value === 'string' && definition.options?.includes(value)
        ? undefined
        : `must be one of ${definition.options?.join(', ')}`;
  }
}

/**
 * Checks custom field values against the queue's definitions: every key must be defined, every
 * value must have the defined type, and required fields must be present. A null value removes
 * an optional field. Returns the values to store.
 */
export function validateCustomFields(
  definitions: CustomFieldDefinition[],
  values: Record<string, unknown>,
  queueName: string,
): CustomFieldValues {
  const byKey = new Map(definitions.map((definition) => [definition.key, definition]));
  const problems: FieldProblem[] = [];
  const result: CustomFieldValues = {};
  for (const [key, value] of Object.entries(values)) {
    const definition = byKey.get(key);
    if (!definition) {
      problems.push({ field: `customFields.${key}`, reason: `not defined for queue ${queueName}` });
      continue;
    }
    if (value === null) continue;

    const reason = checkValue(definition, value);
    if (reason) problems.push({ field: `customFields.${key}`, reason });
    else result[key] = value as string | number | boolean;
  }
  for (const definition of definitions) {
    if (definition.required && result[definition.key] === undefined) {
      problems.push({
        field: `customFields.${definition.key}`,
        reason: `required by queue ${queueName}`,
      });
    }
  }
  if (problems.length > 0) throw new ValidationFailedError(problems);

  return result;
}
