import { getMetadataStorage, ValidationError, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

function validationError(
  target: object,
  property: string,
  value: unknown,
  children: ValidationError[],
): ValidationError {
  return Object.assign(new ValidationError(), {
    target,
    property,
    value,
    children,
    constraints: value === undefined ? { isDefined: `${property} is required` } : undefined,
  });
}

/** Returns whether every `@IsOptional()` and `@ValidateIf()` condition of a property is met. */
function conditionsHold(rules: ValidationMetadata[], object: object, value: unknown): boolean {
  return rules
    .filter((rule) => rule.type === ValidationTypes.CONDITIONAL_VALIDATION)
    .every((rule) =>
      (rule.constraints[0] as (object: object, value: unknown) => boolean)(object, value),
    );
}

function errorsInValue(value: unknown): ValidationError[] {
  if (Array.isArray(value)) {
    return value.flatMap((element: unknown, index) => {
      const children = errorsInValue(element);

      return children.length > 0 ? [validationError(value, String(index), element, children)] : [];
    });
  }
  if (typeof value !== 'object' || value === null) return [];

  return findMissingNested(value);
}

/**
 * Finds the `@ValidateNested()` properties of `object` and of the objects under it that are
 * missing although the class requires them. class-validator (0.14) skips nested validation of an
 * undefined value, so such a property passes unless another rule, such as `@IsObject()`, fails.
 * Returns errors in class-validator's shape, with parents for the properties on the path.
 */
export function findMissingNested(object: object): ValidationError[] {
  const storage = getMetadataStorage();
  const rules = storage.getTargetValidationMetadatas(object.constructor, '', false, false);
  const rulesByProperty = storage.groupByPropertyName(rules);

  return Object.entries(rulesByProperty).flatMap(([property, propertyRules]) => {
    if (!propertyRules.some((rule) => rule.type === ValidationTypes.NESTED_VALIDATION)) return [];

    const value: unknown = (object as Record<string, unknown>)[property];
    if (!conditionsHold(propertyRules, object, value)) return [];
    if (value === undefined) return [validationError(object, property, value, [])];

    const children = errorsInValue(value);

    return children.length > 0 ? [validationError(object, property, value, children)] : [];
  });
}

/**
 * Adds `found` to class-validator's `errors` for the same object. A property that already has an
 * error keeps it, because class-validator reported it for a rule of its own, and a parent that
 * both have gets the children of both.
 */
export function mergeValidationErrors(
  errors: ValidationError[],
  found: ValidationError[],
): ValidationError[] {
  const merged = [...errors];
  for (const error of found) {
    const existing = merged.find((candidate) => candidate.property === error.property);
    if (!existing) {
      merged.push(error);
      continue;
    }
    if (error.value === undefined) continue;

    existing.children = mergeValidationErrors(existing.children ?? [], error.children ?? []);
  }

  return merged;
}
