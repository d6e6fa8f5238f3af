/** Collects positional parameters while a raw SQL statement is assembled from parts. */
export class SqlParams {
  /** `values` may hold parameters that the statement already uses as $1..$n. */
  constructor(readonly values: unknown[] = []) {}

  /** Adds a value and returns its placeholder, e.g. `$3`. */
  add(value: unknown): string {
    this.values.push(value);

    return `$${this.values.length}`;
  }
}
