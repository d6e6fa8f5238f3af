import { TicketType } from '@deskflow/contracts';
import { DeskClient, mapConcurrently } from '../api/desk-client';
import { FailureLog } from '../api/api-failure';
import { TicketRow } from '../data/ticket-set.reader';
import { DeskDirectory, SeededCustomer } from '../seed/directory.seed';
import { AgentDesk } from './agent-desk';
import { RunLog } from './run-log';

const TYPES: Record<string, TicketType> = {
  incident: 'incident',
  request: 'service_request',
  problem: 'problem',
  change: 'change',
};

/** Impact follows the kind of request: incidents and problems affect more than one person. */
const IMPACT_BY_TYPE: Record<string, 'high' | 'medium' | 'low'> = {
  incident: 'high',
  problem: 'medium',
  service_request: 'low',
  change: 'low',
};

const URGENCY: Record<string, 'high' | 'medium' | 'low'> = {
  critical: 'high',
  high: 'high',
  medium: 'medium',
  low: 'low',
};

const MAX_TITLE_LENGTH = 120;

/** Turns the two characters `\n` of the data sets into line breaks, as a portal user types them. */
export function bodyText(row: TicketRow): string {
  return row.body.replace(/\\n/g, '\n').trim();
}

/** Returns the row's subject, or the body's first line when the subject is empty. */
export function titleOf(row: TicketRow): { title: string; fromBody: boolean } {
  const subject = row.subject.trim();
  if (subject) return { title: subject.slice(0, MAX_TITLE_LENGTH), fromBody: false };

  const firstLine =
    bodyText(row)
      .split('\n')
      .find((line) => line.trim()) ?? '';
  const title = firstLine.trim().slice(0, MAX_TITLE_LENGTH) || '(no subject)';

  return { title, fromBody: true };
}

/** Replays the ticket set through the portal: customers see suggestions, then open a ticket. */
export class PortalReplay {
  constructor(
    private readonly client: DeskClient,
    private readonly failures: FailureLog,
    private readonly directory: DeskDirectory,
    private readonly desk: AgentDesk,
  ) {}

  async replay(rows: TicketRow[], log: RunLog, concurrency: number): Promise<void> {
    log.portalRows = rows.length;
    await mapConcurrently(rows, concurrency, async (row, index) => {
      const customer = this.customerFor(row, index);
      const { title, fromBody } = titleOf(row);
      const body = bodyText(row);
      if (fromBody) log.titlesFromBody += 1;
      await this.failures.attempt('portal-suggestions', () =>
        this.showSuggestions(customer, title, body, log),
      );

      const created = await this.failures.attempt('portal-create', () =>
        this.create(customer, row, title, body),
      );
      if (!created) return;

      const ticket = log.addTicket({
        id: created.id,
        channel: 'portal',
        origin: `${row.source}#${index + 1}`,
        language: row.language,
        etag: created.etag,
      });
      const queueId = this.directory.queues.get(row.queue) ?? null;
      await this.desk.handle({
        ticket,
        index,
        title,
        body,
        queueId,
        answer: row.answer.replace(/\\n/g, '\n'),
      });
    });
  }

  private customerFor(row: TicketRow, index: number): SeededCustomer {
    const speakers = this.directory.customers.filter(
      (customer) => customer.language === row.language,
    );
    const pool = speakers.length > 0 ? speakers : this.directory.customers;

    return pool[index % pool.length];
  }

  private async showSuggestions(
    customer: SeededCustomer,
    subject: string,
    body: string,
    log: RunLog,
  ): Promise<void> {
    const { items } = await this.client.post<{ items: unknown[] }>(
      'knowledge',
      '/suggestions',
      customer.token,
      {
        subject,
        body: body.slice(0, 5000),
        locale: customer.language,
        limit: 5,
      },
    );
    log.suggestions.requests += 1;
    log.suggestions.shown += items.length;
    if (items.length > 0) log.suggestions.ticketsWithSuggestions += 1;
  }

  private async create(
    customer: SeededCustomer,
    row: TicketRow,
    title: string,
    body: string,
  ): Promise<{ id: string; etag: string }> {
    const type = TYPES[row.type.toLowerCase()] ?? 'question';
    const result = await this.client.call<{ id: string }>('ticket', 'POST', '/tickets', {
      token: customer.token,
      body: {
        title,
        type,
        impact: IMPACT_BY_TYPE[type] ?? 'medium',
        urgency: URGENCY[row.priority] ?? 'medium',
        article: { bodyText: body || title },
      },
    });

    return { id: result.body.id, etag: result.headers.get('etag') ?? '' };
  }
}
