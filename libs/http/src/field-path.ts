import { FieldProblem } from './app-error';

/**
 * Joins a field name to the path of its parent in the one style of every error detail: dots
 * between names, and array indexes as plain numbers, as in `tickets.1.id` and `article.bodyText`.
 * An empty parent is the top level of the body.
 */
export function fieldPath(parent: string, name: string | number): string {
  return parent ? `${parent}.${name}` : String(name);
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'empty';

  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/** Returns the problem of a parsed JSON value that is not an object, naming it as `field`. */
export function findNonObjectProblem(value: unknown, field = 'body'): FieldProblem | undefined {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return undefined;

  return { field, reason: `must be a JSON object, not ${jsonTypeOf(value)}` };
}
