/** Returns SQL that quotes a lexeme as a tsquery operand, escaping quotes and backslashes. */
export function quoteLexeme(expression: string): string {
  return `'''' || replace(replace(${expression}, '\\', '\\\\'), '''', '''''') || ''''`;
}
