/**
 * Drops keys whose value is undefined. DTO instances declare every optional field, so spreading
 * one would otherwise overwrite defaults and stored values with undefined.
 */
export function definedOnly<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
