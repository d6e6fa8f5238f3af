import { readFileSync } from 'node:fs';

/** A ticket with the queue and priority a person assigned to it. */
export interface LabelledTicket {
  subject: string;
  body: string;
  queue: string;
  priority: string;
}

/**
 * Parses RFC 4180 CSV: comma separated, fields optionally in double quotes, a doubled quote
 * inside quotes for a literal one, and line breaks allowed inside quoted fields.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += char;
    }
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);

  return rows;
}

/**
 * Reads labelled tickets from a CSV file with a header row that has at least the columns
 * subject, body, queue and priority. Literal `\n` sequences in bodies become line breaks.
 */
export function readLabelledTickets(path: string): LabelledTicket[] {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  const column = (name: string) => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`${path} has no column "${name}"; found ${header.join(', ')}`);

    return index;
  };
  const columns = {
    subject: column('subject'),
    body: column('body'),
    queue: column('queue'),
    priority: column('priority'),
  };

  return rows
    .filter((row) => row.length === header.length)
    .map((row) => ({
      subject: row[columns.subject],
      body: row[columns.body].replace(/\\n/g, '\n'),
      queue: row[columns.queue],
      priority: row[columns.priority],
    }));
}
