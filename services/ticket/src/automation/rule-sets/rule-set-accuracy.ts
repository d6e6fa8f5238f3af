import { RegexRunner } from '../rule-evaluator';
import { draftRuleSubject } from '../rule-model';
import { runRules } from '../rule-runner';
import { LabelledTicket } from './labelled-tickets';
import { LABEL_FOR_PRIORITY, RuleSet } from './rule-set';

export interface FieldAccuracy {
  matched: number;
  total: number;
  /** matched / total, or null without tickets. */
  accuracy: number | null;
}

export interface RuleSetAccuracy {
  ruleSet: string;
  tickets: number;
  queue: FieldAccuracy;
  priority: FieldAccuracy;
  /** Tickets no routing rule matched. */
  unrouted: number;
  /** Queue accuracy per labelled queue, to show where the keywords fall short. */
  queueByLabel: Record<string, FieldAccuracy>;
}

const UNROUTED = '(unrouted)';

function accuracy(matched: number, total: number): FieldAccuracy {
  return { matched, total, accuracy: total === 0 ? null : matched / total };
}

/** Runs the rule set over labelled tickets and counts how often queue and priority agree. */
export async function measureRuleSetAccuracy(
  ruleSet: RuleSet,
  tickets: LabelledTicket[],
  runRegex: RegexRunner,
): Promise<RuleSetAccuracy> {
  let queueMatches = 0;
  let priorityMatches = 0;
  let unrouted = 0;
  const perLabel = new Map<string, { matched: number; total: number }>();
  for (const ticket of tickets) {
    const { outcome } = await runRules(
      draftRuleSubject({ subject: ticket.subject, body: ticket.body, queueId: UNROUTED }),
      ruleSet.rules,
      'create',
      runRegex,
    );
    const queueHit = (outcome.queueId ?? '').toLowerCase() === ticket.queue.toLowerCase();
    queueMatches += queueHit ? 1 : 0;
    priorityMatches +=
      LABEL_FOR_PRIORITY[outcome.priority] === ticket.priority.toLowerCase() ? 1 : 0;
    unrouted += outcome.queueId === UNROUTED ? 1 : 0;

    const label = perLabel.get(ticket.queue) ?? { matched: 0, total: 0 };
    perLabel.set(ticket.queue, {
      matched: label.matched + (queueHit ? 1 : 0),
      total: label.total + 1,
    });
  }
  const queueByLabel = Object.fromEntries(
    [...perLabel.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([label, counts]) => [label, accuracy(counts.matched, counts.total)]),
  );

  return {
    ruleSet: ruleSet.name,
    tickets: tickets.length,
    queue: accuracy(queueMatches, tickets.length),
    priority: accuracy(priorityMatches, tickets.length),
    unrouted,
    queueByLabel,
  };
}
