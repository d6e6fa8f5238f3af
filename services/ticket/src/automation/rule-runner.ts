import { priorityFromMatrix } from '../tickets/priority-matrix';
import { evaluateRule, RegexRunner, RuleResult } from './rule-evaluator';
import { RuleActions, RuleDefinition, RuleSubject, RuleTrigger } from './rule-model';

/** A ticket field a rule changed, with its values before and after. */
export interface RuleChange {
  field: keyof RuleSubject;
  before: unknown;
  after: unknown;
}

/** A rule that fired, what it changed, and the internal note it adds, if any. */
export interface RuleApplication {
  rule: RuleDefinition;
  changes: RuleChange[];
  note?: string;
}

export interface RuleRun {
  results: RuleResult[];
  applications: RuleApplication[];
  /** The ticket with every fired rule's changes applied in order. */
  outcome: RuleSubject;
}

function mergeTags(tags: string[], actions: RuleActions): string[] {
  const removed = new Set(actions.removeTags ?? []);
  const result = tags.filter((tag) => !removed.has(tag));
  for (const tag of actions.addTags ?? []) {
    if (!result.includes(tag)) result.push(tag);
  }

  return result;
}

/**
 * Applies one rule's actions to the ticket. A priority in the actions is explicit; impact or
 * urgency alone re-derive the priority from the matrix unless someone set it explicitly.
 */
export function applyActions(
  subject: RuleSubject,
  actions: RuleActions,
): { next: RuleSubject; changes: RuleChange[] } {
  const next: RuleSubject = { ...subject, tags: mergeTags(subject.tags, actions) };
  if (actions.impact) next.impact = actions.impact;
  if (actions.urgency) next.urgency = actions.urgency;
  if (actions.priority) {
    next.priority = actions.priority;
    next.priorityExplicit = true;
  } else if ((actions.impact || actions.urgency) && !subject.priorityExplicit) {
    next.priority = priorityFromMatrix(next.impact, next.urgency);
  }
  if (actions.queueId) next.queueId = actions.queueId;
  if (actions.type) next.type = actions.type;
  if (actions.ownerId) next.ownerId = actions.ownerId;

  const fields: (keyof RuleSubject)[] = [
    'impact',
    'urgency',
    'priority',
    'queueId',
    'type',
    'ownerId',
    'tags',
  ];
  const changes = fields
    .filter((field) => JSON.stringify(subject[field]) !== JSON.stringify(next[field]))
    .map((field) => ({ field, before: subject[field], after: next[field] }));

  return { next, changes };
}

/**
 * Evaluates the active rules in order for one trigger. Each rule is tested against the ticket
 * as the rules before it left it, and a fired rule with `stopProcessing` ends the run.
 */
export async function runRules(
  subject: RuleSubject,
  rules: RuleDefinition[],
  trigger: RuleTrigger,
  runRegex: RegexRunner,
): Promise<RuleRun> {
  const results: RuleResult[] = [];
  const applications: RuleApplication[] = [];
  let current = subject;
  for (const rule of rules) {
    if (!rule.triggers.includes(trigger)) continue;

    const result = await evaluateRule(current, rule, runRegex);
    results.push(result);
    if (!result.fired) continue;

    const { next, changes } = applyActions(current, rule.actions);
    current = next;
    applications.push(
      rule.actions.internalNote
        ? { rule, changes, note: rule.actions.internalNote }
        : { rule, changes },
    );
    if (rule.stopProcessing) break;
  }

  return { results, applications, outcome: current };
}
