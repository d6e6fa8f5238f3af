/** A request that a service answered with an unexpected status, or that did not complete. */
export class ApiFailure extends Error {
  constructor(
    readonly endpoint: string,
    readonly request: string,
    readonly status: number | null,
    readonly response: string,
  ) {
    super(`${endpoint} returned ${status ?? 'no response'}: ${response.slice(0, 300)}`);
  }
}

/** Failures of one demo run, grouped by endpoint so that the report lists each kind once. */
export class FailureLog {
  private readonly byEndpoint = new Map<string, { count: number; first: ApiFailure }>();

  record(step: string, error: unknown): void {
    const failure =
      error instanceof ApiFailure
        ? error
        : new ApiFailure(step, '', null, error instanceof Error ? error.message : String(error));
    const key = `${step} ${failure.endpoint} ${failure.status}`;
    const entry = this.byEndpoint.get(key);
    if (entry) entry.count += 1;
    else this.byEndpoint.set(key, { count: 1, first: failure });
  }

  /** Runs `work`; records and swallows a failure so that the rest of the run can continue. */
  async attempt<T>(step: string, work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await work();
    } catch (error) {
      this.record(step, error);

      return undefined;
    }
  }

  entries(): { step: string; count: number; failure: ApiFailure }[] {
    return [...this.byEndpoint.entries()].map(([key, { count, first }]) => ({
      step: key.split(' ')[0],
      count,
      failure: first,
    }));
  }

  get total(): number {
    return [...this.byEndpoint.values()].reduce((sum, entry) => sum + entry.count, 0);
  }
}
