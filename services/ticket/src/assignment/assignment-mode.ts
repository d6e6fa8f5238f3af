export const ASSIGNMENT_MODES = ['off', 'round_robin', 'least_open'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

/**
 * Picks the next agent in round-robin order: the first candidate after the one assigned last,
 * wrapping around. Candidates must be sorted; a last agent who is no longer a candidate is
 * placed where their id would sort.
 */
export function nextRoundRobin(
  sortedCandidates: string[],
  lastAgentId: string | null,
): string | undefined {
  if (sortedCandidates.length === 0) return undefined;

  const next = lastAgentId === null ? undefined : sortedCandidates.find((id) => id > lastAgentId);

  return next ?? sortedCandidates[0];
}
