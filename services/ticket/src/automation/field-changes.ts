import { FieldChange } from '@deskflow/contracts';

/**
 * Merges later changes into a list of changes: a field changed twice keeps its first
 * `before` and its last `after`, and drops out when it ends where it started.
 */
export function mergeFieldChanges(target: FieldChange[], later: FieldChange[]): void {
  for (const change of later) {
    const index = target.findIndex((existing) => existing.field === change.field);
    if (index < 0) {
      target.push({ ...change });
      continue;
    }
    target[index] = { ...target[index], after: change.after };
    if (JSON.stringify(target[index].before ?? null) === JSON.stringify(change.after ?? null))
      target.splice(index, 1);
  }
}
