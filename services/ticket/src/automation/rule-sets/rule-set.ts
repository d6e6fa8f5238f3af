import { TicketPriority } from '@deskflow/contracts';
import { RuleActions, RuleCondition, RuleDefinition } from '../rule-model';

/**
 * A named set of automation rules kept in the repository. Actions name queues by
 * queue name, because queue ids differ per installation; `resolveQueueNames` swaps them for
 * ids before the rules are stored.
 */
export interface RuleSet {
  name: string;
  description: string;
  /** Queue names the set routes to. */
  queues: string[];
  rules: RuleDefinition[];
}

interface KeywordRuleInput {
  name: string;
  keywords: string[];
  actions: RuleActions;
  stopProcessing?: boolean;
  field?: RuleCondition['field'];
}

/** Builds a create-time rule that fires when the subject or body contains any of the keywords. */
export function keywordRule(input: KeywordRuleInput): RuleDefinition {
  return {
    id: input.name,
    name: input.name,
    triggers: ['create'],
    match: 'all',
    conditions: [
      { field: input.field ?? 'text', operator: 'contains_any', values: input.keywords },
    ],
    actions: input.actions,
    stopProcessing: input.stopProcessing ?? false,
  };
}

/** Builds a rule that routes to a queue and ends the run, so the first matching queue wins. */
export function routeRule(
  queue: string,
  keywords: string[],
  field: RuleCondition['field'] = 'text',
): RuleDefinition {
  return keywordRule({
    name: `Route to ${queue}`,
    keywords,
    actions: { queueId: queue },
    stopProcessing: true,
    field,
  });
}

/** The three-level label (high, medium, low) that each priority counts as when compared with labelled data. */
export const LABEL_FOR_PRIORITY: Readonly<Record<TicketPriority, string>> = {
  P1: 'high',
  P2: 'high',
  P3: 'medium',
  P4: 'low',
};

/** Replaces queue names in the actions with ids; raises on a name the installation lacks. */
export function resolveQueueNames(
  rules: RuleDefinition[],
  idByName: Map<string, string>,
): RuleDefinition[] {
  return rules.map((rule) => {
    const name = rule.actions.queueId;
    if (name === undefined) return rule;

    const id = idByName.get(name.toLowerCase());
    if (!id) throw new Error(`rule "${rule.name}" routes to queue "${name}", which does not exist`);

    return { ...rule, actions: { ...rule.actions, queueId: id } };
  });
}
