import { patternProblem, RegexSandbox } from './regex-sandbox';

describe('RegexSandbox', () => {
  const sandbox = new RegexSandbox(200);

  afterAll(() => sandbox.close());

  it('matches ordinary patterns', async () => {
    expect(await sandbox.test('RE-\\d+', '', 'Rechnung RE-42')).toBe('match');
    expect(await sandbox.test('^urgent', 'i', 'not urgent')).toBe('no_match');
  });

  it('stops a catastrophic pattern and keeps serving', async () => {
    const started = Date.now();

    const outcome = await sandbox.test('^(a+)+$', '', `${'a'.repeat(40)}!`);

    expect(outcome).toBe('timed_out');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await sandbox.test('b', '', 'abc')).toBe('match');
  });

  it('gives each queued test its own time limit', async () => {
    const slow = sandbox.test('^(a|aa)+$', '', `${'a'.repeat(60)}!`);
    const fast = sandbox.test('c', '', 'abc');

    expect(await slow).toBe('timed_out');
    expect(await fast).toBe('match');
  });
});

describe('patternProblem', () => {
  it('accepts a valid pattern', () => {
    expect(patternProblem('^RE-\\d+$', 'iu')).toBeUndefined();
  });

  it.each([
    ['(unclosed', '', 'invalid regular expression'],
    ['a', 'g', 'flags must be'],
    ['a'.repeat(501), '', 'at most 500'],
  ])('rejects %s with flags %s', (pattern, flags, reason) => {
    expect(patternProblem(pattern, flags)).toContain(reason);
  });
});
