/** Turns a digits-only query string into a number, so integer validators can check it. */
export function queryInteger({ value }: { value: unknown }): unknown {
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
}

/** Turns `true`/`false` query strings into booleans. */
export function queryBoolean({ value }: { value: unknown }): unknown {
  if (value === 'true') return true;
  if (value === 'false') return false;

  return value;
}
