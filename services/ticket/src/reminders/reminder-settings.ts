/** Settings of the pending-ticket worker, read from the environment. */
export interface ReminderSettings {
  /** How often the worker looks for due tickets, in milliseconds; 0 turns the loop off. */
  pollMs: number;
  /** Tickets handled per transaction. */
  batchSize: number;
  /** Hours a `pending_customer` ticket without a pending-until time waits for an answer before it is resolved. */
  autoResolveAfterHours: number;
}

function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;

  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`${name} must be a non-negative number, got "${raw}"`);

  return value;
}

export function reminderSettings(): ReminderSettings {
  return {
    pollMs: positiveNumber('PENDING_POLL_MS', 5_000),
    batchSize: Math.max(1, Math.floor(positiveNumber('PENDING_BATCH_SIZE', 50))),
    autoResolveAfterHours: positiveNumber('PENDING_CUSTOMER_AUTO_RESOLVE_HOURS', 7 * 24),
  };
}
