import { TicketPriority } from '@deskflow/contracts';

export const IMPACT_LEVELS = ['high', 'medium', 'low'] as const;
export type ImpactLevel = (typeof IMPACT_LEVELS)[number];

const RANK: Record<ImpactLevel, number> = { high: 0, medium: 1, low: 2 };
const BY_SUM: TicketPriority[] = ['P1', 'P2', 'P3', 'P4', 'P4'];

/**
 * Derives the priority from impact and urgency with the 3x3 ITIL matrix: high/high is P1, one
 * step lower on either axis is P2, and so on. The matrix has five levels, so its lowest two
 * both map to P4. Missing values count as medium.
 */
export function priorityFromMatrix(
  impact: ImpactLevel | null,
  urgency: ImpactLevel | null,
): TicketPriority {
  return BY_SUM[RANK[impact ?? 'medium'] + RANK[urgency ?? 'medium']];
}
