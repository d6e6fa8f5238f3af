import { priorityFromMatrix } from './priority-matrix';

describe('priorityFromMatrix', () => {
  it.each([
    ['high', 'high', 'P1'],
    ['high', 'medium', 'P2'],
    ['medium', 'high', 'P2'],
    ['high', 'low', 'P3'],
    ['medium', 'medium', 'P3'],
    ['low', 'high', 'P3'],
    ['medium', 'low', 'P4'],
    ['low', 'medium', 'P4'],
    ['low', 'low', 'P4'],
  ] as const)('maps impact %s and urgency %s to %s', (impact, urgency, priority) => {
    expect(priorityFromMatrix(impact, urgency)).toBe(priority);
  });

  it('treats missing values as medium', () => {
    expect(priorityFromMatrix(null, null)).toBe('P3');
    expect(priorityFromMatrix('high', null)).toBe('P2');
  });
});
