import { wordTablesInterval } from './word-tables.refresher';

describe('wordTablesInterval', () => {
  it('defaults to four hours', () => {
    expect(wordTablesInterval(undefined)).toBe(14_400_000);
    expect(wordTablesInterval(' ')).toBe(14_400_000);
  });

  it('accepts whole milliseconds and 0', () => {
    expect(wordTablesInterval('60000')).toBe(60_000);
    expect(wordTablesInterval('0')).toBe(0);
  });

  it.each(['-1', '1.5', 'hourly', '2147483648'])('rejects "%s"', (value) => {
    expect(() => wordTablesInterval(value)).toThrow(/KNOWLEDGE_WORD_TABLES_INTERVAL_MS/);
  });
});
