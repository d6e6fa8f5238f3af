import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from './csv';

/** One support request of a ticket set, with the routing labels that came with it. */
export interface TicketRow {
  source: string;
  subject: string;
  body: string;
  /** Queue label of the set, such as `Technical Support`. */
  queue: string;
  /** `low`, `medium`, `high` or `critical`. */
  priority: string;
  language: string;
  /** Incident, Request, Problem or Change; empty when the set has no type column. */
  type: string;
  /** A reply an agent wrote for the request, when the set has one. */
  answer: string;
}

function toRow(source: string, record: Record<string, string>): TicketRow {
  return {
    source,
    subject: record.subject ?? '',
    body: record.body ?? '',
    queue: record.queue ?? '',
    priority: (record.priority ?? '').toLowerCase(),
    language: (record.language ?? 'en').toLowerCase(),
    type: record.type ?? '',
    answer: record.answer ?? '',
  };
}

/** Reads every `*.csv` file of `dir` (header row, RFC 4180); an absent folder yields none. */
export function readTicketSet(dir: string): TicketRow[] {
  if (!existsSync(dir)) return [];

  return readdirSync(dir)
    .filter((file) => file.endsWith('.csv'))
    .sort()
    .flatMap((file) =>
      parseCsv(readFileSync(join(dir, file), 'utf8')).map((record) => toRow(file, record)),
    );
}
