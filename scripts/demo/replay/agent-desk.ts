import { DeskClient } from '../api/desk-client';
import { FailureLog } from '../api/api-failure';
import { DeskDirectory, SeededPerson } from '../seed/directory.seed';
import { RunLog, RunTicket } from './run-log';

/** A ticket with the text and routing label that the simulated agents work from. */
export interface TicketWork {
  ticket: RunTicket;
  index: number;
  title: string;
  body: string;
  /** Queue id the dispatcher moves the ticket to; null keeps its queue. */
  queueId: string | null;
  /** A prepared reply, such as the data set's own agent answer; empty for the stock reply. */
  answer: string;
}

export interface AgentPolicy {
  answerShare: number;
  resolveShare: number;
  /**
   * Lowest suggestion score at which an agent links the article as the ticket's solution. The
   * best suggestion must also score at least `ACCEPT_LEAD` times the second.
   */
  acceptScore: number;
}

interface Suggestion {
  id: string;
  title: string;
  score: number;
}

const ACCEPT_LEAD = 1.5;

const STOCK_REPLIES: Record<string, string> = {
  en: 'Thank you for your request. We are looking into it and will get back to you shortly.',
  de: 'Vielen Dank für Ihre Anfrage. Wir kümmern uns darum und melden uns in Kürze.',
};

const ARTICLE_HINTS: Record<string, string> = {
  en: 'This article may help in the meantime:',
  de: 'Dieser Artikel hilft Ihnen vielleicht schon weiter:',
};

/** Spreads a share over ticket indexes without clustering: the same ticket is picked every run. */
export function picked(index: number, share: number, salt: number): boolean {
  return (index * salt) % 100 < Math.round(share * 100);
}

/** Simulated agents: a dispatcher routes and assigns each ticket, owners answer and resolve some. */
export class AgentDesk {
  constructor(
    private readonly client: DeskClient,
    private readonly failures: FailureLog,
    private readonly directory: DeskDirectory,
    private readonly policy: AgentPolicy,
    private readonly log: RunLog,
  ) {}

  async handle(work: TicketWork): Promise<void> {
    const owner = this.directory.agents[work.index % this.directory.agents.length];
    const triaged = await this.failures.attempt('triage', () => this.triage(work, owner));
    if (!triaged || !picked(work.index, this.policy.answerShare, 37)) return;

    const answered = await this.failures.attempt('agent-reply', () => this.answer(work, owner));
    if (!answered) return;
    work.ticket.answered = true;
    if (!picked(work.index, this.policy.resolveShare, 53)) return;

    const resolved = await this.failures.attempt('resolve', () => this.resolve(work, owner));
    work.ticket.resolved = resolved === true;
  }

  private async triage(work: TicketWork, owner: SeededPerson): Promise<true> {
    const dispatcher = this.directory.agents[0];
    const etag = work.ticket.etag || (await this.etagOf(work.ticket.id, dispatcher.token));
    const body = work.queueId
      ? { queueId: work.queueId, ownerId: owner.id }
      : { ownerId: owner.id };
    const result = await this.client.call('ticket', 'PATCH', `/tickets/${work.ticket.id}`, {
      token: dispatcher.token,
      body,
      headers: { 'if-match': etag },
    });
    work.ticket.etag = result.headers.get('etag') ?? '';

    return true;
  }

  private async answer(work: TicketWork, owner: SeededPerson): Promise<true> {
    const language = work.ticket.language === 'de' ? 'de' : 'en';
    const suggestion = await this.assist(work, owner, language);
    const lines = [work.answer || STOCK_REPLIES[language]];
    if (suggestion) lines.push('', `${ARTICLE_HINTS[language]} ${suggestion.title}`);
    await this.client.post('ticket', `/tickets/${work.ticket.id}/articles`, owner.token, {
      kind: 'message',
      visibility: 'public',
      bodyText: lines.join('\n'),
    });

    return true;
  }

  /** Asks for suggestions as an agent and links the best one as the solution when it fits well. */
  private async assist(
    work: TicketWork,
    owner: SeededPerson,
    locale: string,
  ): Promise<Suggestion | undefined> {
    const { items } = await this.client.post<{ items: Suggestion[] }>(
      'knowledge',
      '/suggestions',
      owner.token,
      {
        subject: work.title,
        body: work.body.slice(0, 5000),
        locale,
        limit: 3,
      },
    );
    this.log.suggestions.requests += 1;
    this.log.suggestions.shown += items.length;
    const [best, second] = items;
    if (!best || best.score < this.policy.acceptScore) return undefined;
    if (second && best.score < ACCEPT_LEAD * second.score) return undefined;

    await this.client.post('knowledge', `/articles/${best.id}/solutions`, owner.token, {
      ticketId: work.ticket.id,
    });
    this.log.suggestions.accepted += 1;

    return best;
  }

  private async resolve(work: TicketWork, owner: SeededPerson): Promise<true> {
    const etag = await this.etagOf(work.ticket.id, owner.token);
    await this.client.call('ticket', 'POST', `/tickets/${work.ticket.id}/state`, {
      token: owner.token,
      body: { state: 'resolved' },
      headers: { 'if-match': etag },
    });

    return true;
  }

  private async etagOf(ticketId: string, token: string): Promise<string> {
    const result = await this.client.call('ticket', 'GET', `/tickets/${ticketId}`, { token });

    return result.headers.get('etag') ?? '';
  }
}
