import { nextRoundRobin } from './assignment-mode';

describe('nextRoundRobin', () => {
  const agents = ['a1', 'b2', 'c3'];

  it('starts with the first candidate', () => {
    expect(nextRoundRobin(agents, null)).toBe('a1');
  });

  it('takes the candidate after the last one and wraps', () => {
    expect(nextRoundRobin(agents, 'a1')).toBe('b2');
    expect(nextRoundRobin(agents, 'c3')).toBe('a1');
  });

  it('continues after a last agent who left the candidates', () => {
    expect(nextRoundRobin(agents, 'b0')).toBe('b2');
  });

  it('returns undefined without candidates', () => {
    expect(nextRoundRobin([], 'a1')).toBeUndefined();
  });
});
