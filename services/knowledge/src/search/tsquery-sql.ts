/** Returns SQL that quotes a lexeme as a tsquery operand, escaping quotes and backslashes. */
export function quoteLexeme(expression: string): string {
  return `'''' || replace(replace(${expression}, '\\', '\\\\'), '''', '''''') || ''''`;
}

/**
 * Returns SQL for the text that configuration `config` parses from `text`: German text reads
 * "ae", "oe" and "ue" as umlauts, as the articles' vectors do (`knowledge.search_spelling`).
 */
export function spelled(config: string, text: string): string {
  return `knowledge.search_spelling(${config}, ${text})`;
}
