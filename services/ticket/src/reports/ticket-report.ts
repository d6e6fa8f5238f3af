import {
  DurationSummary,
  SatisfactionSummary,
  summariseDurations,
  summariseRatings,
} from './duration-stats';
import { businessSecondsBetween, WorkingHours } from './working-hours';

export const REPORT_DIMENSIONS = ['none', 'queue', 'priority', 'channel', 'agent'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

export const REPORT_HOURS = ['calendar', 'business'] as const;
export type ReportHours = (typeof REPORT_HOURS)[number];

/** Facts about one ticket created in the period, as the report aggregates them. */
export interface TicketFact {
  id: string;
  createdAt: Date;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  queue: string;
  priority: string;
  channel: string;
  /** The owner's name, or null when unassigned. */
  agent: string | null;
  /** Whether the ticket was resolved or closed at least once, and reopened after that. */
  resolved: boolean;
  reopened: boolean;
  /** Final outcomes of the SLA clocks from the projection: met on time or breached. */
  slaOutcomes: { kind: string; breached: boolean; met: boolean }[];
  ratings: number[];
}

export interface SlaCompliance {
  met: number;
  breached: number;
  /** met / (met + breached), or null while no clock has an outcome. */
  compliance: number | null;
}

export interface ReportGroup {
  key: string;
  tickets: number;
  firstResponse: DurationSummary;
  resolution: DurationSummary;
  sla: { firstResponse: SlaCompliance; resolution: SlaCompliance };
  reopen: { resolved: number; reopened: number; rate: number | null };
  satisfaction: SatisfactionSummary;
}

export interface ReportOptions {
  groupBy: ReportDimension;
  hours: ReportHours;
  workingHours: WorkingHours;
}

const UNASSIGNED = '(unassigned)';

function keyOf(fact: TicketFact, dimension: ReportDimension): string {
  switch (dimension) {
    case 'none':
      return 'all';
    case 'agent':
      return fact.agent ?? UNASSIGNED;
    default:
      return fact[dimension];
  }
}

function compliance(facts: TicketFact[], kind: string): SlaCompliance {
  const outcomes = facts.flatMap((fact) =>
    fact.slaOutcomes.filter((outcome) => outcome.kind === kind),
  );
  const breached = outcomes.filter((outcome) => outcome.breached).length;
  const met = outcomes.filter((outcome) => outcome.met && !outcome.breached).length;

  return { met, breached, compliance: met + breached === 0 ? null : met / (met + breached) };
}

/** Summarises one group of tickets; durations are measured from creation in the chosen hours. */
export function summariseGroup(
  key: string,
  facts: TicketFact[],
  options: ReportOptions,
): ReportGroup {
  const duration = (from: Date, to: Date) =>
    options.hours === 'business'
      ? businessSecondsBetween(from, to, options.workingHours)
      : Math.round((to.getTime() - from.getTime()) / 1000);
  const firstResponses = facts
    .filter((fact) => fact.firstResponseAt)
    .map((fact) => duration(fact.createdAt, fact.firstResponseAt!));
  const resolutions = facts
    .filter((fact) => fact.resolvedAt)
    .map((fact) => duration(fact.createdAt, fact.resolvedAt!));
  const resolved = facts.filter((fact) => fact.resolved).length;
  const reopened = facts.filter((fact) => fact.resolved && fact.reopened).length;

  return {
    key,
    tickets: facts.length,
    firstResponse: summariseDurations(firstResponses),
    resolution: summariseDurations(resolutions),
    sla: {
      firstResponse: compliance(facts, 'first_response'),
      resolution: compliance(facts, 'resolution'),
    },
    reopen: { resolved, reopened, rate: resolved === 0 ? null : reopened / resolved },
    satisfaction: summariseRatings(facts.flatMap((fact) => fact.ratings)),
  };
}

/** Splits the tickets by the dimension, sorted by key, and summarises each group and the total. */
export function buildTicketReport(
  facts: TicketFact[],
  options: ReportOptions,
): { groups: ReportGroup[]; total: ReportGroup } {
  const byKey = new Map<string, TicketFact[]>();
  for (const fact of facts) {
    const key = keyOf(fact, options.groupBy);
    byKey.set(key, [...(byKey.get(key) ?? []), fact]);
  }
  const groups = [...byKey.keys()]
    .sort()
    .map((key) => summariseGroup(key, byKey.get(key)!, options));

  return { groups, total: summariseGroup('total', facts, options) };
}
