import { FieldProblem } from '@deskflow/http';
import { patternProblem, RegexSandbox } from './regex-sandbox';
import { OPERATORS_BY_FIELD, RuleCondition } from './rule-model';

const VALUELESS = ['exists', 'not_exists'];

const PROBE_LENGTH = 5_000;

/** Builds inputs that make common backtracking shapes such as (a+)+$ or (\d+)*x blow up. */
function probeInputs(pattern: string): string[] {
  const literals = new Set(
    pattern
      .replace(/\\[a-zA-Z]/g, '')
      .replace(/[^\p{L}\p{N} ]/gu, '')
      .split(''),
  );
  for (const extra of ['a', '1', ' ']) literals.add(extra);

  return [...literals].map((char) => `${char.repeat(PROBE_LENGTH)}\u0000`);
}

/** Checks a condition's shape: the operator fits the field, values and key are present where needed. */
export function conditionProblems(condition: RuleCondition, field: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const allowed = OPERATORS_BY_FIELD[condition.field];
  if (!allowed.includes(condition.operator)) {
    problems.push({
      field: `${field}.operator`,
      reason: `not allowed for ${condition.field}; allowed: ${allowed.join(', ')}`,
    });
  }
  if (VALUELESS.includes(condition.operator) && condition.values.length > 0) {
    problems.push({ field: `${field}.values`, reason: `must be empty for ${condition.operator}` });
  }
  if (!VALUELESS.includes(condition.operator) && condition.values.length === 0) {
    problems.push({
      field: `${field}.values`,
      reason: `needs at least one value for ${condition.operator}`,
    });
  }
  if ((condition.field === 'customField') !== (condition.key !== undefined)) {
    problems.push({
      field: `${field}.key`,
      reason: 'required with field customField and allowed only there',
    });
  }
  const isPattern = condition.operator === 'matches' || condition.operator === 'not_matches';
  if (condition.flags !== undefined && !isPattern) {
    problems.push({ field: `${field}.flags`, reason: 'allowed only with matches and not_matches' });
  }

  return problems;
}

/**
 * Checks the patterns of a condition: each must compile, and none may exceed the time limit
 * on inputs that trigger catastrophic backtracking in common shapes. The probe is a best
 * effort; the time limit at evaluation is what protects the service.
 */
export async function patternProblems(
  condition: RuleCondition,
  field: string,
  sandbox: RegexSandbox,
): Promise<FieldProblem[]> {
  if (condition.operator !== 'matches' && condition.operator !== 'not_matches') return [];

  const problems: FieldProblem[] = [];
  for (const [index, pattern] of condition.values.entries()) {
    const problem = patternProblem(pattern, condition.flags ?? '');
    if (problem) {
      problems.push({ field: `${field}.values.${index}`, reason: problem });
      continue;
    }
    for (const input of probeInputs(pattern)) {
      if ((await sandbox.test(pattern, condition.flags ?? '', input)) === 'timed_out') {
        problems.push({
          field: `${field}.values.${index}`,
          reason: `pattern exceeded the ${sandbox.timeoutMs} ms limit on a ${PROBE_LENGTH}-character input; avoid nested quantifiers such as (a+)+`,
        });
        break;
      }
    }
  }

  return problems;
}
