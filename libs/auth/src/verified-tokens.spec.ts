import { Actor } from './actor';
import { VerifiedTokens } from './verified-tokens';

describe('VerifiedTokens', () => {
  const agent: Actor = { id: 'a1', role: 'agent', scopes: ['tickets:write'] };
  const inAnHour = () => Date.now() / 1000 + 3600;

  beforeEach(() => jest.useFakeTimers({ now: Date.now() }));
  afterEach(() => jest.useRealTimers());

  it('forgets a token after the time to live, before it expires', () => {
    const tokens = new VerifiedTokens(30_000);
    tokens.remember('t', agent, inAnHour());

    jest.setSystemTime(Date.now() + 29_000);
    expect(tokens.get('t')).toEqual(agent);
    jest.setSystemTime(Date.now() + 2_000);
    expect(tokens.get('t')).toBeUndefined();
  });

  it('forgets a token when it expires, before the time to live', () => {
    const tokens = new VerifiedTokens(30_000);
    tokens.remember('t', agent, Date.now() / 1000 + 10);

    jest.setSystemTime(Date.now() + 11_000);

    expect(tokens.get('t')).toBeUndefined();
  });

  it('keeps nothing with a time to live of 0', () => {
    const tokens = new VerifiedTokens(0);
    tokens.remember('t', agent, inAnHour());

    expect(tokens.get('t')).toBeUndefined();
  });

  it('drops the oldest token when full', () => {
    const tokens = new VerifiedTokens(30_000, 2);
    tokens.remember('first', agent, inAnHour());
    tokens.remember('second', agent, inAnHour());
    tokens.remember('third', agent, inAnHour());

    expect([tokens.get('first'), tokens.get('second'), tokens.get('third')]).toEqual([
      undefined,
      agent,
      agent,
    ]);
  });

  it('hands out copies, so a caller changing its actor changes no other', () => {
    const tokens = new VerifiedTokens(30_000);
    tokens.remember('t', agent, inAnHour());

    tokens.get('t')!.scopes!.push('admin:everything');

    expect(tokens.get('t')!.scopes).toEqual(['tickets:write']);
  });
});
