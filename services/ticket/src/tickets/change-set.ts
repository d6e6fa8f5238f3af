import { FieldChange } from '@deskflow/contracts';
import { Ticket } from './ticket.entity';

function comparable(value: unknown): string {
  return JSON.stringify(value instanceof Date ? value.toISOString() : (value ?? null));
}

function plain(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : (value ?? null);
}

/** Applies field values to a ticket and keeps the before and after of each real change. */
export class ChangeSet {
  readonly changes: FieldChange[] = [];

  constructor(private readonly ticket: Ticket) {}

  set<K extends keyof Ticket>(field: K, value: Ticket[K]): void {
    const before = this.ticket[field];
    if (comparable(before) === comparable(value)) return;

    this.ticket[field] = value;
    const existing = this.changes.find((change) => change.field === field);
    if (existing) existing.after = plain(value);
    else this.changes.push({ field, before: plain(before), after: plain(value) });
  }

  has(field: keyof Ticket): boolean {
    return this.changes.some((change) => change.field === field);
  }
}
