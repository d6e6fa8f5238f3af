import { buildMail, ingestRaw } from '../../../../test/support/mail-ingest';
import { TicketServiceFixture } from '../../../../test/support/ticket-service.fixture';

const LIMIT = 3;

describe('per-sender limit of new tickets by mail', () => {
  let fixture: TicketServiceFixture;
  let counter = 0;

  beforeAll(async () => {
    fixture = await TicketServiceFixture.start({
      EMAIL_DESK_ADDRESSES: 'support@example.com',
      MAIL_DOMAIN: 'support.example.com',
      EMAIL_SENDER_TICKETS_PER_HOUR: String(LIMIT),
    });
  }, 60000);

  afterAll(async () => {
    await fixture.close();
  });

  function unthreaded(from: string) {
    counter += 1;

    return buildMail({
      from,
      subject: `Storm ${counter}`,
      messageId: `<storm${counter}@example.org>`,
    });
  }

  async function openTickets(from: string, count: number): Promise<string[]> {
    const ticketIds: string[] = [];
    for (let index = 0; index < count; index += 1) {
      const result = await ingestRaw(fixture, unthreaded(from));
      expect(result.status).toBe('ticket_created');
      ticketIds.push(result.ticketId);
    }

    return ticketIds;
  }

  it('adds excess mail to latest ticket', async () => {
    const ticketIds = await openTickets('storm@example.org', LIMIT);
    const over = await ingestRaw(fixture, unthreaded('storm@example.org'));

    expect(new Set(ticketIds).size).toBe(LIMIT);
    expect(over.status).toBe('article_added');
    expect(over.ticketId).toBe(ticketIds[LIMIT - 1]);
    expect(over.reason).toContain('hourly limit');
  });

  it('ignores address case', async () => {
    const ticketIds = await openTickets('case@example.org', LIMIT);
    const over = await ingestRaw(fixture, unthreaded('CASE@Example.ORG'));

    expect(over.status).toBe('article_added');
    expect(over.ticketId).toBe(ticketIds[LIMIT - 1]);
  });

  it('keeps the limit for concurrent mail', async () => {
    const results = await Promise.all(
      Array.from({ length: LIMIT + 3 }, () => ingestRaw(fixture, unthreaded('burst@example.org'))),
    );
    const created = results.filter((result) => result.status === 'ticket_created');
    const joined = results.filter((result) => result.status === 'article_added');

    expect(created).toHaveLength(LIMIT);
    expect(joined).toHaveLength(3);
  });

  it('follows a merge of the latest ticket', async () => {
    const ticketIds = await openTickets('merged@example.org', LIMIT);
    const etag = await fixture.etagOf(ticketIds[LIMIT - 1]);
    await fixture.expectStatus(200, 'POST', `/tickets/${ticketIds[LIMIT - 1]}/merge`, {
      token: fixture.admin.token,
      headers: { 'if-match': etag },
      body: { targetTicketId: ticketIds[0] },
    });
    const over = await ingestRaw(fixture, unthreaded('merged@example.org'));

    expect(over.status).toBe('article_added');
    expect(over.ticketId).toBe(ticketIds[0]);
  });

  it('leaves other senders alone', async () => {
    await openTickets('loud@example.org', LIMIT);
    const other = await ingestRaw(fixture, unthreaded('quiet@example.org'));

    expect(other.status).toBe('ticket_created');
  });
});
