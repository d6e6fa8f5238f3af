import { getMetadataStorage, IS_OPTIONAL, ValidationError, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { FieldProblem } from './app-error';
import { fieldPath } from './field-path';

/**
 * Constraints that check a value's JSON type, presence or set of allowed values. When one fails,
 * the field's other constraints fail as well but describe a value of the right type, such as a
 * length limit on a number, so only these reasons are reported.
 */
const TYPE_CHECKS = new Set([
  'isDefined',
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isArray',
  'isObject',
  'isEnum',
  'isIn',
  'nestedValidation',
]);

/** Constraints on the format of a string, which act as its type check when the value is not one. */
const STRING_FORMAT_CHECKS = new Set([
  'isUUID',
  'isEmail',
  'isDateString',
  'isISO8601',
  'isBooleanString',
  'isNumberString',
  'matches',
]);

/** The part of the request a validated object comes from, as in Nest's `ArgumentMetadata.type`. */
export type ValidatedSource = 'body' | 'query' | 'param' | 'custom';

/** Prefix of class-validator's (0.14) default messages for a rule with `each: true`. */
const EACH_PREFIX = 'each value in ';

/** Returns the names of the failed constraints worth reporting for `value`. */
function reportedConstraints(names: string[], value: unknown): string[] {
  const isTypeCheck = (name: string) =>
    TYPE_CHECKS.has(name) || (typeof value !== 'string' && STRING_FORMAT_CHECKS.has(name));
  const typeFailures = names.filter(isTypeCheck);

  return typeFailures.length > 0 ? typeFailures : names;
}

function propertyRules(error: ValidationError): ValidationMetadata[] {
  const target = error.target?.constructor;
  if (!target) return [];

  return getMetadataStorage()
    .getTargetValidationMetadatas(target, '', false, false)
    .filter((rule) => rule.propertyName === error.property);
}

/**
 * Returns the indexes of the elements of `values` that fail `rule`, or undefined when a
 * validator is asynchronous, because a synchronous caller cannot wait for it.
 */
function failingIndexes(
  rule: ValidationMetadata,
  error: ValidationError,
  values: unknown[],
): number[] | undefined {
  const args = {
    targetName: error.target?.constructor.name ?? '',
    property: error.property,
    object: error.target as object,
    value: error.value,
    constraints: rule.constraints,
  };
  const failing: number[] = [];
  for (const constraint of getMetadataStorage().getTargetValidatorConstraints(rule.constraintCls)) {
    for (const [index, element] of values.entries()) {
      const valid: unknown = constraint.instance.validate(element, args);
      if (valid instanceof Promise) return undefined;
      if (!valid) failing.push(index);
    }
  }

  return failing;
}

/** Turns `each value in tags must be a string` into `tags.1 must be a string`. */
function elementReason(message: string, property: string, element: string): string {
  const prefix = `${EACH_PREFIX}${property}`;

  return message.startsWith(prefix) ? `${element}${message.slice(prefix.length)}` : message;
}

/**
 * Names a nested field by its path in a reason that starts with the property name, so
 * `city must be a string` at `address.city` reads `address.city must be a string`.
 */
function fieldReason(message: string, property: string, field: string): string {
  return message.startsWith(`${property} `) ? `${field}${message.slice(property.length)}` : message;
}

/**
 * Moves the failed `each: true` constraints of an array field to the elements that fail them.
 * class-validator reports them on the field without an index. Returns the problems of the
 * elements and the constraints that stay on the field.
 */
function splitElementProblems(
  error: ValidationError,
  field: string,
  names: string[],
): { elementProblems: FieldProblem[]; fieldNames: string[] } {
  const values = error.value;
  if (!Array.isArray(values)) return { elementProblems: [], fieldNames: names };

  const eachRules = propertyRules(error).filter((rule) => rule.each);
  const failedByIndex = new Map<number, string[]>();
  const fieldNames: string[] = [];
  for (const name of names) {
    const rule = eachRules.find((candidate) => constraintName(candidate) === name);
    const indexes = rule ? failingIndexes(rule, error, values) : undefined;
    if (!indexes || indexes.length === 0) {
      fieldNames.push(name);
      continue;
    }
    for (const index of indexes)
      failedByIndex.set(index, [...(failedByIndex.get(index) ?? []), name]);
  }

  const elementProblems = [...failedByIndex.entries()]
    .sort(([a], [b]) => a - b)
    .flatMap(([index, failed]) =>
      reportedConstraints(failed, values[index]).map((name) => ({
        field: fieldPath(field, index),
        reason: elementReason(error.constraints![name], error.property, fieldPath(field, index)),
      })),
    );

  return { elementProblems, fieldNames };
}

/** Returns the key under which class-validator reports a failure of `rule`. */
function constraintName(rule: ValidationMetadata): string {
  const [constraint] = getMetadataStorage().getTargetValidatorConstraints(rule.constraintCls);

  return constraint?.name ?? rule.type;
}

/**
 * Returns whether a property takes a single value. An unknown property has no rules, so it
 * keeps the reason that it should not exist.
 */
function takesSingleValue(error: ValidationError): boolean {
  const rules = propertyRules(error);

  return rules.length > 0 && !rules.some((rule) => rule.each || constraintName(rule) === 'isArray');
}

function isOptionalRule(rule: ValidationMetadata): boolean {
  return rule.type === ValidationTypes.CONDITIONAL_VALIDATION && rule.name === IS_OPTIONAL;
}

/**
 * Returns whether the failed property is missing from the request although its class declares it
 * without `@IsOptional()`. Parsed JSON and query strings have no undefined values, so undefined
 * means the key is absent. class-validator checks a property under `@ValidateIf` only when its
 * condition holds, so a failure there means it is required. An unknown property has no rules.
 */
function isMissingRequired(error: ValidationError): boolean {
  if (error.value !== undefined) return false;

  const rules = propertyRules(error);

  return rules.length > 0 && !rules.some(isOptionalRule);
}

function ownProblems(
  error: ValidationError,
  field: string,
  source: ValidatedSource,
): FieldProblem[] {
  const names = Object.keys(error.constraints ?? {});
  if (names.length === 0) return [];

  // The rules of a missing field fail on undefined, and their reasons describe a value never sent,
  // except for the values a field of a fixed set may take.
  if (isMissingRequired(error)) {
    const allowed = [error.constraints!.isEnum, error.constraints!.isIn].find(Boolean);
    const values = allowed?.startsWith(`${error.property} `)
      ? ` and ${allowed.slice(error.property.length + 1)}`
      : '';

    return [{ field, reason: `${field} is required${values}` }];
  }

  // A query parameter given twice arrives as an array, which fails every rule of a single value.
  if (source === 'query' && Array.isArray(error.value) && takesSingleValue(error)) {
    return [{ field, reason: `${error.property} must be given once` }];
  }

  const { elementProblems, fieldNames } = splitElementProblems(error, field, names);
  const fieldProblems = reportedConstraints(fieldNames, error.value).map((name) => ({
    field,
    reason: fieldReason(error.constraints![name], error.property, field),
  }));

  return [...fieldProblems, ...elementProblems];
}

/**
 * Converts class-validator errors into problems under `parent`, one per failed rule. A missing
 * required field gets the one reason `<path> is required`. A failed type check hides the field's
 * other reasons, and a failed `each: true` rule is named at the failing array index.
 */
export function fieldProblemsOf(
  errors: ValidationError[],
  parent = '',
  source: ValidatedSource = 'body',
): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = fieldPath(parent, error.property);

    return [
      ...ownProblems(error, field, source),
      ...fieldProblemsOf(error.children ?? [], field, source),
    ];
  });
}
