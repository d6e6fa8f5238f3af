import { easterSunday, movableHolidays } from './german-holidays';

describe('german holidays', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2038, '2038-04-25'],
  ])('computes Easter Sunday %i', (year, expected) => {
    expect(easterSunday(year).toISOString().slice(0, 10)).toBe(expected);
  });

  it('lists the movable holidays of 2026', () => {
    expect(movableHolidays([2026])).toEqual([
      '2026-04-03',
      '2026-04-06',
      '2026-05-14',
      '2026-05-25',
    ]);
  });
});
