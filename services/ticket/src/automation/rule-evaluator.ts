import { RegexOutcome } from './regex-sandbox';
import { RuleCondition, RuleDefinition, RuleSubject } from './rule-model';

/** Runs one regular expression; the service passes the sandbox, unit tests may pass a direct runner. */
export type RegexRunner = (pattern: string, flags: string, text: string) => Promise<RegexOutcome>;

export interface ConditionResult {
  condition: RuleCondition;
  passed: boolean;
  /** Set when a pattern of this condition hit the time limit and was counted as no match. */
  timedOut?: boolean;
}

export interface RuleResult {
  rule: RuleDefinition;
  fired: boolean;
  conditions: ConditionResult[];
}

function normalise(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase('en');
}

function textOf(subject: RuleSubject, condition: RuleCondition): string | undefined {
  switch (condition.field) {
    case 'subject':
      return subject.subject;
    case 'body':
      return subject.body;
    case 'text':
      return `${subject.subject}\n${subject.body}`;
    case 'customField': {
      const value = subject.customFields[condition.key ?? ''];

      return value === undefined ? undefined : String(value);
    }
    default:
      return undefined;
  }
}

function scalarOf(subject: RuleSubject, condition: RuleCondition): string | null {
  switch (condition.field) {
    case 'channel':
    case 'customerId':
    case 'organisationId':
    case 'organisationTier':
    case 'queueId':
    case 'type':
    case 'priority':
      return subject[condition.field];
    default:
      return textOf(subject, condition) ?? null;
  }
}

function keywordTest(haystack: string[], condition: RuleCondition, exact: boolean): boolean {
  const contains = (value: string) =>
    exact
      ? haystack.includes(normalise(value))
      : haystack.some((text) => text.includes(normalise(value)));
  switch (condition.operator) {
    case 'contains_any':
      return condition.values.some(contains);
    case 'contains_all':
      return condition.values.every(contains);
    default:
      return !condition.values.some(contains);
  }
}

async function patternTest(
  text: string,
  condition: RuleCondition,
  runRegex: RegexRunner,
): Promise<ConditionResult> {
  let timedOut = false;
  let matched = false;
  for (const pattern of condition.values) {
    const outcome = await runRegex(pattern, condition.flags ?? '', text);
    timedOut ||= outcome === 'timed_out';
    if (outcome === 'match') {
      matched = true;
      break;
    }
  }
  // A timed-out pattern counts as no match for both operators, so it never fires a rule.
  const passed = condition.operator === 'matches' ? matched : !matched && !timedOut;

  return timedOut ? { condition, passed, timedOut } : { condition, passed };
}

/** Decides one condition against the ticket. */
export async function evaluateCondition(
  subject: RuleSubject,
  condition: RuleCondition,
  runRegex: RegexRunner,
): Promise<ConditionResult> {
  const { operator } = condition;
  if (condition.field === 'tags') {
    return { condition, passed: keywordTest(subject.tags.map(normalise), condition, true) };
  }

  const value = scalarOf(subject, condition);
  if (operator === 'exists' || operator === 'not_exists') {
    const present = value !== null && value !== '';

    return { condition, passed: operator === 'exists' ? present : !present };
  }
  if (operator === 'in' || operator === 'not_in') {
    const listed = value !== null && condition.values.includes(value);

    return { condition, passed: operator === 'in' ? listed : !listed };
  }
  if (operator === 'matches' || operator === 'not_matches') {
    return patternTest(value ?? '', condition, runRegex);
  }

  return { condition, passed: keywordTest([normalise(value ?? '')], condition, false) };
}

/** Decides whether a rule fires; a rule without conditions fires on every ticket. */
export async function evaluateRule(
  subject: RuleSubject,
  rule: RuleDefinition,
  runRegex: RegexRunner,
): Promise<RuleResult> {
  const conditions: ConditionResult[] = [];
  for (const condition of rule.conditions) {
    conditions.push(await evaluateCondition(subject, condition, runRegex));
  }
  const fired =
    rule.match === 'all' || conditions.length === 0
      ? conditions.every((result) => result.passed)
      : conditions.some((result) => result.passed);

  return { rule, fired, conditions };
}
