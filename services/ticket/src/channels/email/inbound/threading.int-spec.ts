import { TicketEvents } from '@deskflow/contracts';
import { EventCollector } from '../../../../test/support/event-collector';
import { articlesOf, buildMail, ingestRaw, ticketOf } from '../../../../test/support/mail-ingest';
import { TicketServiceFixture } from '../../../../test/support/ticket-service.fixture';

const ENV = { EMAIL_DESK_ADDRESSES: 'support@example.com', MAIL_DOMAIN: 'support.example.com' };
const SUBJECT = 'Drucker im 2. OG druckt nicht';

describe('inbound mail threading', () => {
  let fixture: TicketServiceFixture;
  const events = new EventCollector();
  let ticket: any;

  beforeAll(async () => {
    fixture = await TicketServiceFixture.start(ENV);
    await events.start();
    const opened = await ingestRaw(
      fixture,
      buildMail({
        from: 'Erika <erika@example.org>',
        subject: SUBJECT,
        messageId: '<m1@mail.example.org>',
      }),
    );
    ticket = await ticketOf(fixture, opened.ticketId);
  }, 60000);

  afterAll(async () => {
    await events.stop();
    await fixture.close();
  });

  const tagged = (prefix: string) => `${prefix}[#${ticket.number}] ${SUBJECT}`;
  const replyId = () => `<r1.${ticket.number}@support.example.com>`;

  it('opens the ticket for the first mail', async () => {
    expect(ticket.title).toBe(SUBJECT);
    expect(ticket.channel).toBe('email');
    expect(ticket.customer.email).toBe('erika@example.org');
  });

  it.each(['AW: ', 'VS: ', 'SV: ', 'WG: ', 'Antw: ', 'Fwd: ', 'Re: '])(
    'attaches a %s reply by subject tag',
    async (prefix) => {
      const result = await ingestRaw(
        fixture,
        buildMail({
          from: 'erika@example.org',
          subject: tagged(prefix),
          messageId: `<a-${prefix.trim()}@mail.example.org>`,
        }),
      );

      expect(result.status).toBe('article_added');
      expect(result.ticketId).toBe(ticket.id);
    },
  );

  it('attaches an auto-reply without acknowledgement', async () => {
    const raw = buildMail({
      from: 'erika@example.org',
      subject: `Abwesenheitsnotiz: Re: [#${ticket.number}] Drucker`,
      messageId: '<c1@mail.example.org>',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    const result = await ingestRaw(fixture, raw);
    const event = await events.waitFor(
      TicketEvents.articleAdded.type,
      (candidate) => candidate.data.article.id === result.articleId,
    );

    expect(result.ticketId).toBe(ticket.id);
    expect(event.data.suppressAutoReply).toBe(true);
    expect(event.data.article.automatic).toBe(true);
  });

  it('attaches by In-Reply-To of our reply', async () => {
    const result = await ingestRaw(
      fixture,
      buildMail({
        from: 'erika@example.org',
        subject: 'Noch eine Frage',
        messageId: '<d1@mail.example.org>',
        inReplyTo: replyId(),
      }),
    );

    expect(result.ticketId).toBe(ticket.id);
    expect(result.reason).toContain('by header');
  });

  it('attaches a reply to the first mail', async () => {
    const result = await ingestRaw(
      fixture,
      buildMail({
        from: 'erika@example.org',
        cc: 'support@example.com',
        subject: `Re: ${SUBJECT}`,
        messageId: '<e1@mail.example.org>',
        inReplyTo: '<m1@mail.example.org>',
      }),
    );

    expect(result.status).toBe('article_added');
    expect(result.ticketId).toBe(ticket.id);
  });

  it('attaches by an ancestor in References', async () => {
    const raw = buildMail({
      from: 'kollege@example.org',
      subject: 'Re: Drucker',
      messageId: '<f1@mail.example.org>',
      inReplyTo: '<x9@mail.example.org>',
      references: '<m1@mail.example.org> <x9@mail.example.org>',
    });
    const result = await ingestRaw(fixture, raw);
    const current = await ticketOf(fixture, ticket.id);

    expect(result.ticketId).toBe(ticket.id);
    expect(current.customer.email).toBe('erika@example.org');
  });

  it('opens a new ticket for a stranger with a tag', async () => {
    const result = await ingestRaw(
      fixture,
      buildMail({
        from: 'mallory@example.com',
        subject: `[#${ticket.number}] Rechnung`,
        messageId: '<g1@example.com>',
      }),
    );
    const articles = await articlesOf(fixture, ticket.id);

    expect(result.status).toBe('ticket_created');
    expect(result.ticketId).not.toBe(ticket.id);
    expect(articles.some((article: any) => article.fromAddress === 'mallory@example.com')).toBe(
      false,
    );
    expect((await ticketOf(fixture, result.ticketId)).title).toBe('Rechnung');
  });

  it('marks a header-matched stranger as third party', async () => {
    const result = await ingestRaw(
      fixture,
      buildMail({
        from: 'bernd@example.net',
        subject: tagged('Re: '),
        messageId: '<h1@example.net>',
        inReplyTo: replyId(),
      }),
    );
    const current = await ticketOf(fixture, ticket.id);
    const articles = await articlesOf(fixture, ticket.id);
    const article = articles.find((candidate: any) => candidate.id === result.articleId);
    const event = await events.waitFor(
      TicketEvents.articleAdded.type,
      (candidate) => candidate.data.article.id === result.articleId,
    );

    expect(result.ticketId).toBe(ticket.id);
    expect(result.thirdParty).toBe(true);
    expect(current.customer.email).toBe('erika@example.org');
    expect(article.thirdParty).toBe(true);
    expect(event.data.article.thirdParty).toBe(true);
  });

  it('recognises an agent reply by mail', async () => {
    const agent = await fixture.createAgent();
    const result = await ingestRaw(
      fixture,
      buildMail({ from: agent.email, subject: tagged('Re: '), messageId: '<agent1@desk.example>' }),
    );
    const articles = await articlesOf(fixture, ticket.id);
    const article = articles.find((candidate: any) => candidate.id === result.articleId);

    expect(result.ticketId).toBe(ticket.id);
    expect(article.senderType).toBe('agent');
    expect(article.thirdParty).toBe(false);
  });

  it('reopens a closed ticket', async () => {
    const closed = await ingestRaw(
      fixture,
      buildMail({
        from: 'otto@example.org',
        subject: 'Monitor flackert',
        messageId: '<close1@example.org>',
      }),
    );
    const etag = await fixture.etagOf(closed.ticketId);
    await fixture.expectStatus(200, 'POST', `/tickets/${closed.ticketId}/state`, {
      token: fixture.admin.token,
      headers: { 'if-match': etag },
      body: { state: 'closed' },
    });
    const reply = await ingestRaw(
      fixture,
      buildMail({
        from: 'otto@example.org',
        subject: 'Re: Monitor flackert',
        messageId: '<close2@example.org>',
        inReplyTo: '<close1@example.org>',
      }),
    );
    const current = await ticketOf(fixture, closed.ticketId);

    expect(reply.ticketId).toBe(closed.ticketId);
    expect(current.stateType).toBe('open');
  });
});
