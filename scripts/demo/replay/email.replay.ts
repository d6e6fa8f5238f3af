import { DeskClient, mapConcurrently } from '../api/desk-client';
import { FailureLog } from '../api/api-failure';
import { CorpusEmail } from '../data/email-corpus.reader';
import { RunLog } from './run-log';

interface IngestResult {
  status: string;
  ticketId: string | null;
  duplicate: boolean;
  reason: string | null;
}

/** Hands each raw message to the inbound email endpoint, as an MTA pipe would. */
export class EmailReplay {
  constructor(
    private readonly client: DeskClient,
    private readonly failures: FailureLog,
  ) {}

  async replay(
    token: string,
    emails: CorpusEmail[],
    log: RunLog,
    concurrency: number,
  ): Promise<void> {
    await mapConcurrently(emails, concurrency, async (email) => {
      const result = await this.failures.attempt('email-inbound', () =>
        this.client.call<IngestResult>('ticket', 'POST', '/channels/email/inbound', {
          token,
          rawBody: email.raw,
          contentType: 'message/rfc822',
        }),
      );
      if (!result) return;

      const outcome = result.body;
      log.emails.push({
        file: email.file,
        category: email.category,
        status: outcome.status,
        ticketId: outcome.ticketId,
        duplicate: outcome.duplicate,
        reason: outcome.reason,
      });
      if (outcome.status === 'ticket_created' && !outcome.duplicate && outcome.ticketId) {
        log.addTicket({
          id: outcome.ticketId,
          channel: 'email',
          origin: email.file,
          language: 'en',
          etag: '',
        });
      }
    });
  }
}
