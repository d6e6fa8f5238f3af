import { evaluateCondition, evaluateRule, RegexRunner } from './rule-evaluator';
import { draftRuleSubject, RuleCondition, RuleDefinition, RuleSubject } from './rule-model';
import { applyActions, runRules } from './rule-runner';

const directRegex: RegexRunner = async (pattern, flags, text) =>
  new RegExp(pattern, flags).test(text) ? 'match' : 'no_match';

function ticket(overrides: Partial<RuleSubject> = {}): RuleSubject {
  return draftRuleSubject({
    subject: 'Drucker im 2. OG druckt nicht',
    body: 'Seit heute morgen kommt nur Papierstau. Rechnungsnummer RE-2026-0042.',
    customerId: 'c1',
    organisationId: 'o1',
    organisationTier: 'gold',
    queueId: 'q-general',
    tags: ['printer'],
    customFields: { building: 'B2', floor: 2 },
    ...overrides,
  });
}

function rule(
  name: string,
  conditions: RuleCondition[],
  overrides: Partial<RuleDefinition> = {},
): RuleDefinition {
  return {
    id: name,
    name,
    triggers: ['create'],
    match: 'all',
    conditions,
    actions: {},
    stopProcessing: false,
    ...overrides,
  };
}

async function passes(condition: RuleCondition, subject = ticket()): Promise<boolean> {
  return (await evaluateCondition(subject, condition, directRegex)).passed;
}

describe('evaluateCondition', () => {
  it.each([
    [{ field: 'subject', operator: 'contains_any', values: ['DRUCKER', 'scanner'] }, true],
    [{ field: 'subject', operator: 'contains_all', values: ['drucker', 'scanner'] }, false],
    [{ field: 'body', operator: 'contains_none', values: ['papierstau'] }, false],
    [{ field: 'text', operator: 'contains_all', values: ['drucker', 'papierstau'] }, true],
    [{ field: 'body', operator: 'matches', values: ['RE-\\d{4}-\\d+'] }, true],
    [{ field: 'body', operator: 'not_matches', values: ['^urgent'], flags: 'i' }, true],
    [{ field: 'channel', operator: 'in', values: ['email', 'portal'] }, true],
    [{ field: 'channel', operator: 'not_in', values: ['email'] }, false],
    [{ field: 'organisationTier', operator: 'in', values: ['gold', 'platinum'] }, true],
    [{ field: 'queueId', operator: 'in', values: ['q-it'] }, false],
    [{ field: 'tags', operator: 'contains_any', values: ['Printer'] }, true],
    [{ field: 'tags', operator: 'contains_any', values: ['print'] }, false],
    [{ field: 'customField', key: 'building', operator: 'in', values: ['B2'] }, true],
    [{ field: 'customField', key: 'floor', operator: 'in', values: ['2'] }, true],
    [{ field: 'customField', key: 'room', operator: 'exists', values: [] }, false],
    [{ field: 'customField', key: 'room', operator: 'not_exists', values: [] }, true],
  ] as [RuleCondition, boolean][])('%j -> %s', async (condition, expected) => {
    expect(await passes(condition)).toBe(expected);
  });

  it('treats a missing organisation as not existing', async () => {
    const condition: RuleCondition = { field: 'organisationId', operator: 'exists', values: [] };

    expect(await passes(condition, ticket({ organisationId: null }))).toBe(false);
  });

  it('counts a timed-out pattern as no match for both operators', async () => {
    const timingOut: RegexRunner = async () => 'timed_out';
    const matches = await evaluateCondition(
      ticket(),
      { field: 'body', operator: 'matches', values: ['x'] },
      timingOut,
    );
    const notMatches = await evaluateCondition(
      ticket(),
      { field: 'body', operator: 'not_matches', values: ['x'] },
      timingOut,
    );

    expect(matches).toMatchObject({ passed: false, timedOut: true });
    expect(notMatches).toMatchObject({ passed: false, timedOut: true });
  });
});

describe('evaluateRule', () => {
  const hit: RuleCondition = { field: 'channel', operator: 'in', values: ['email'] };
  const miss: RuleCondition = { field: 'channel', operator: 'in', values: ['phone'] };

  it('needs every condition with match all', async () => {
    expect((await evaluateRule(ticket(), rule('r', [hit, miss]), directRegex)).fired).toBe(false);
  });

  it('needs one condition with match any', async () => {
    expect(
      (await evaluateRule(ticket(), rule('r', [hit, miss], { match: 'any' }), directRegex)).fired,
    ).toBe(true);
  });

  it('fires a rule without conditions', async () => {
    expect((await evaluateRule(ticket(), rule('r', [], { match: 'any' }), directRegex)).fired).toBe(
      true,
    );
  });
});

describe('applyActions', () => {
  it('derives the priority from impact and urgency', () => {
    const { next, changes } = applyActions(ticket(), { impact: 'high', urgency: 'high' });

    expect(next.priority).toBe('P1');
    expect(changes.map((change) => change.field)).toEqual(['impact', 'urgency', 'priority']);
  });

  it('keeps an explicit priority when only impact changes', () => {
    const { next } = applyActions(ticket({ priority: 'P4', priorityExplicit: true }), {
      impact: 'high',
    });

    expect(next.priority).toBe('P4');
  });

  it('adds and removes tags without duplicates', () => {
    const { next } = applyActions(ticket(), {
      addTags: ['printer', 'hardware'],
      removeTags: ['printer'],
    });

    expect(next.tags).toEqual(['printer', 'hardware']);
  });
});

describe('runRules', () => {
  it('lets later rules see earlier changes and stops when told', async () => {
    const toIt = rule(
      'to IT',
      [{ field: 'subject', operator: 'contains_any', values: ['drucker'] }],
      {
        actions: { queueId: 'q-it' },
      },
    );
    const urgentInIt = rule(
      'urgent in IT',
      [{ field: 'queueId', operator: 'in', values: ['q-it'] }],
      {
        actions: { priority: 'P2', internalNote: 'raised by rule' },
        stopProcessing: true,
      },
    );
    const never = rule('never runs', [], { actions: { type: 'problem' } });

    const run = await runRules(ticket(), [toIt, urgentInIt, never], 'create', directRegex);

    expect(run.applications.map((application) => application.rule.name)).toEqual([
      'to IT',
      'urgent in IT',
    ]);
    expect(run.applications[1].note).toBe('raised by rule');
    expect(run.outcome).toMatchObject({ queueId: 'q-it', priority: 'P2', type: 'incident' });
  });

  it('skips rules of the other trigger', async () => {
    const onUpdate = rule('on update', [], { triggers: ['update'], actions: { type: 'problem' } });

    const run = await runRules(ticket(), [onUpdate], 'create', directRegex);

    expect(run.results).toHaveLength(0);
  });
});
