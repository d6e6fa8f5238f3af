import { buildMail, ingestRaw, ticketOf } from '../../../../test/support/mail-ingest';
import { TicketServiceFixture } from '../../../../test/support/ticket-service.fixture';

describe('mail replies to closed tickets', () => {
  let fixture: TicketServiceFixture;
  let queueId: string;
  let counter = 0;

  beforeAll(async () => {
    fixture = await TicketServiceFixture.start({
      EMAIL_DESK_ADDRESSES: 'support@example.com',
      MAIL_DOMAIN: 'support.example.com',
    });
    const queues = await fixture.expectStatus(200, 'GET', '/queues', {
      token: fixture.admin.token,
    });
    queueId = queues.body.find((queue: any) => queue.isDefault).id;
  }, 60000);

  afterAll(async () => {
    await fixture.close();
  });

  async function closedTicket(from: string): Promise<{ ticketId: string; messageId: string }> {
    counter += 1;
    const messageId = `<closed${counter}@example.org>`;
    const opened = await ingestRaw(fixture, buildMail({ from, subject: 'Drucker', messageId }));
    const etag = await fixture.etagOf(opened.ticketId);
    await fixture.expectStatus(200, 'POST', `/tickets/${opened.ticketId}/state`, {
      token: fixture.admin.token,
      headers: { 'if-match': etag },
      body: { state: 'closed' },
    });

    return { ticketId: opened.ticketId, messageId };
  }

  function reply(from: string, inReplyTo: string) {
    counter += 1;

    return ingestRaw(
      fixture,
      buildMail({
        from,
        subject: 'Re: Drucker',
        messageId: `<reply${counter}@example.org>`,
        inReplyTo,
      }),
    );
  }

  async function setQueuePolicy(closedTicketReply: string): Promise<void> {
    await fixture.expectStatus(200, 'PATCH', `/queues/${queueId}`, {
      token: fixture.admin.token,
      body: { closedTicketReply },
    });
  }

  it('opens a linked follow-up per queue setting', async () => {
    await setQueuePolicy('follow_up');
    const closed = await closedTicket('follow@example.org');
    const result = await reply('follow@example.org', closed.messageId);
    const links = await fixture.expectStatus(200, 'GET', `/tickets/${result.ticketId}/links`, {
      token: fixture.admin.token,
    });

    expect(result.status).toBe('ticket_created');
    expect(result.ticketId).not.toBe(closed.ticketId);
    expect(result.reason).toContain('follow-up');
    expect(links.body.map((link: any) => link.linkType)).toEqual(['related']);
    expect(links.body[0].ticket.id).toBe(closed.ticketId);
    expect((await ticketOf(fixture, closed.ticketId)).stateType).toBe('closed');
  });

  it('reopens per queue setting', async () => {
    await setQueuePolicy('reopen');
    const closed = await closedTicket('reopen@example.org');
    const result = await reply('reopen@example.org', closed.messageId);

    expect(result.status).toBe('article_added');
    expect(result.ticketId).toBe(closed.ticketId);
    expect((await ticketOf(fixture, closed.ticketId)).stateType).toBe('open');
  });

  it('writes the channel endpoint through to the queue', async () => {
    await setQueuePolicy('reopen');
    await fixture.expectStatus(200, 'PUT', `/channels/email/queues/${queueId}/settings`, {
      token: fixture.admin.token,
      body: { closedReplyPolicy: 'follow_up' },
    });
    const queue = await fixture.expectStatus(200, 'GET', `/queues/${queueId}`, {
      token: fixture.admin.token,
    });
    const closed = await closedTicket('through@example.org');
    const result = await reply('through@example.org', closed.messageId);

    expect(queue.body.closedTicketReply).toBe('follow_up');
    expect(result.status).toBe('ticket_created');
    expect(result.ticketId).not.toBe(closed.ticketId);
  });

  it('rejects the channel endpoint for an unknown queue', async () => {
    const response = await fixture.request(
      'PUT',
      '/channels/email/queues/00000000-0000-4000-8000-000000000000/settings',
      { token: fixture.admin.token, body: { closedReplyPolicy: 'reopen' } },
    );

    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('queueId');
  });
});
