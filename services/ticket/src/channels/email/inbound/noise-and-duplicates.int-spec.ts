import { TicketEvents } from '@deskflow/contracts';
import { waitFor } from '@deskflow/testing';
import { emailFixture } from '../../../../test/support/email-fixtures';
import { EventCollector } from '../../../../test/support/event-collector';
import { articlesOf, buildMail, ingestRaw, ticketOf } from '../../../../test/support/mail-ingest';
import { TicketServiceFixture } from '../../../../test/support/ticket-service.fixture';

const ENV = {
  EMAIL_DESK_ADDRESSES: 'support@example.com',
  MAIL_DOMAIN: 'support.example.com',
  EMAIL_ACK_CAP: '1',
  EMAIL_ACK_CAP_WINDOW_HOURS: '24',
};

describe('inbound mail noise, duplicates and content', () => {
  let fixture: TicketServiceFixture;
  const events = new EventCollector();
  let counter = 0;

  beforeAll(async () => {
    fixture = await TicketServiceFixture.start(ENV);
    await events.start();
  }, 60000);

  afterAll(async () => {
    await events.stop();
    await fixture.close();
  });

  async function createdEventOf(ticketId: string) {
    return events.waitFor(TicketEvents.created.type, (event) => event.subject === ticketId);
  }

  function freshSender(): string {
    counter += 1;

    return `sender${counter}@example.net`;
  }

  it.each([
    [{ 'Auto-Submitted': 'auto-replied' }, true],
    [{ 'Auto-Submitted': 'auto-generated' }, true],
    [{ 'Auto-Submitted': 'no' }, false],
    [{ Precedence: 'bulk' }, true],
    [{ Precedence: 'junk' }, true],
    [{ Precedence: 'list' }, true],
    [{ 'X-Auto-Response-Suppress': 'All' }, true],
    [{ 'X-Auto-Response-Suppress': 'AutoReply' }, true],
    [{ 'List-Id': '<it-news.example.org>' }, true],
    [{ 'Return-Path': '<>' }, true],
    [{}, false],
  ])('creates a ticket for %j, suppressing: %s', async (headers, suppressed) => {
    const from = freshSender();
    const result = await ingestRaw(
      fixture,
      buildMail({ from, subject: 'Frage', messageId: `<${from}>`, headers }),
    );
    const event = await createdEventOf(result.ticketId);

    expect(result.status).toBe('ticket_created');
    expect(event.data.suppressAutoReply).toBe(suppressed);
  });

  it('opens an unacknowledged ticket without a sender', async () => {
    const result = await ingestRaw(fixture, Buffer.from('not a mail at all'));
    const event = await createdEventOf(result.ticketId);

    expect(result.status).toBe('ticket_created');
    expect(result.reason).toBe('no usable From address, so no acknowledgement');
    expect(event.data.suppressAutoReply).toBe(true);
  });

  it('ignores mail from the desk address', async () => {
    const result = await ingestRaw(
      fixture,
      buildMail({
        from: 'Support <support@example.com>',
        subject: 'Loop',
        messageId: '<own1@example.com>',
      }),
    );

    expect(result.status).toBe('ignored');
    expect(result.ticketId).toBeNull();
    expect(result.reason).toContain('desk address');
  });

  it('grants one acknowledgement to a looping robot', async () => {
    const ticketIds: string[] = [];
    for (let index = 0; index < 10; index += 1) {
      const result = await ingestRaw(
        fixture,
        buildMail({
          from: 'robot@example.org',
          subject: `Alarm ${index}`,
          messageId: `<robot${index}@example.org>`,
        }),
      );
      ticketIds.push(result.ticketId);
      // The robot's own unmarked auto-reply to our acknowledgement threads onto the ticket.
      await ingestRaw(
        fixture,
        buildMail({
          from: 'robot@example.org',
          subject: `Re: Alarm ${index}`,
          messageId: `<robot-re${index}@example.org>`,
          inReplyTo: `<robot${index}@example.org>`,
        }),
      );
    }
    const created = await Promise.all(ticketIds.map((id) => createdEventOf(id)));
    const acknowledged = created.filter((event) => !event.data.suppressAutoReply);

    expect(new Set(ticketIds).size).toBe(10);
    expect(acknowledged).toHaveLength(1);
  });

  it('ingests one message once, also concurrently', async () => {
    const raw = buildMail({
      from: 'dup@example.org',
      subject: 'Doppelt',
      messageId: '<d4@example.org>',
    });
    const first = await ingestRaw(fixture, raw);
    const [second, third] = await Promise.all([ingestRaw(fixture, raw), ingestRaw(fixture, raw)]);
    await createdEventOf(first.ticketId);
    const articles = await articlesOf(fixture, first.ticketId);

    expect(second).toMatchObject({ ticketId: first.ticketId, duplicate: true });
    expect(third).toMatchObject({ ticketId: first.ticketId, duplicate: true });
    expect(articles).toHaveLength(1);
    await waitFor(
      () => events.ofType(TicketEvents.created.type, first.ticketId).length === 1 || undefined,
      { timeoutMs: 5000, what: 'created event' },
    );
    expect(
      events
        .ofType(TicketEvents.created.type)
        .filter((event) => event.data.ticket.customer.email === 'dup@example.org'),
    ).toHaveLength(1);
  });

  it('cuts a long subject for the title and keeps it on the article', async () => {
    const long = await ingestRaw(fixture, emailFixture('long-subject.eml'));
    const ordinary = await ingestRaw(
      fixture,
      buildMail({
        from: 'next@example.org',
        subject: 'Danach',
        messageId: '<after-long@example.org>',
      }),
    );
    const ticket = await ticketOf(fixture, long.ticketId);
    const [article] = await articlesOf(fixture, long.ticketId);

    expect(long.status).toBe('ticket_created');
    expect(ordinary.status).toBe('ticket_created');
    expect(ticket.title).toBe(`${'Störung '.repeat(31)}Störung`);
    expect(ticket.title).toHaveLength(255);
    expect(article.subject).toHaveLength(1600);
  });

  it('stores attachments with non-ASCII names', async () => {
    const result = await ingestRaw(fixture, emailFixture('attachment-names.eml'));
    const [article] = await articlesOf(fixture, result.ticketId);
    const ticket = await ticketOf(fixture, result.ticketId);

    expect(article.attachments.map((attachment: any) => attachment.filename).sort()).toEqual([
      'Führerschein Rückseite.jpg',
      'Rechnung März.pdf',
      'Übersicht Q1 Zahlen.xlsx',
      'übersicht.txt',
    ]);
    expect(ticket.hasAttachments).toBe(true);
  });

  it.each([['charset-windows-1252.eml'], ['charset-iso-8859-1.eml']])(
    'decodes %s',
    async (name) => {
      const result = await ingestRaw(fixture, emailFixture(name));
      const ticket = await ticketOf(fixture, result.ticketId);
      const [article] = await articlesOf(fixture, result.ticketId);

      expect(ticket.title).toBe('Grüße aus Köln');
      expect(ticket.customer.name).toBe('Jürgen Müller');
      expect(article.bodyText).toBe('Die Rechnung über 120 € ist fällig – wir möchten’s klären.');
      expect(article.bodyHtml).toBe('<p>Grüße aus Köln</p>');
    },
  );

  it('sanitises HTML and keeps the inline image', async () => {
    const result = await ingestRaw(fixture, emailFixture('inline-image.eml'));
    const [article] = await articlesOf(fixture, result.ticketId);

    expect(article.bodyHtml).not.toContain('<script');
    expect(article.bodyHtml).not.toContain('onclick');
    expect(article.bodyHtml).toContain('src="cid:shot1@example.org"');
    expect(article.attachments.map((attachment: any) => attachment.filename)).toEqual(['shot.png']);
  });

  it('notes a bounce on its ticket without a new ticket', async () => {
    const opened = await ingestRaw(
      fixture,
      buildMail({
        from: 'gone@example.org',
        subject: 'Drucker',
        messageId: '<bounce-origin@example.org>',
      }),
    );
    const ticket = await ticketOf(fixture, opened.ticketId);
    const bounce = emailFixture('bounce-dsn.eml')
      .toString('latin1')
      .replace(/2026120410000012/g, ticket.number);
    const result = await ingestRaw(fixture, Buffer.from(bounce, 'latin1'));
    const articles = await articlesOf(fixture, ticket.id);
    const note = articles.find((article: any) => article.id === result.articleId);
    const event = await events.waitFor(
      TicketEvents.articleAdded.type,
      (candidate) => candidate.data.article.id === result.articleId,
    );

    expect(result.status).toBe('note_added');
    expect(result.ticketId).toBe(ticket.id);
    expect(note.visibility).toBe('internal');
    expect(note.senderType).toBe('system');
    expect(note.bodyText).toContain('gone@example.org');
    expect(event.data.suppressAutoReply).toBe(true);
  });

  it('keeps an unmatched bounce with a reason', async () => {
    // A number from a day before this database existed, so that no ticket carries it.
    const bounce = emailFixture('bounce-dsn.eml')
      .toString('latin1')
      .replace(/2026120410000012/g, '1999010110000001');
    const result = await ingestRaw(fixture, Buffer.from(bounce, 'latin1'));

    expect(result.status).toBe('ignored');
    expect(result.ticketId).toBeNull();
    expect(result.reason).toContain('no known ticket');
  });

  it('opens a ticket for an unreadable message', async () => {
    const raw = Buffer.from(
      'Message-ID: <broken1@example.org>\r\nFrom: broken@example.org\r\nContent-Type: multipart/mixed\r\n\r\n\u0000\u0000',
      'latin1',
    );
    const result = await ingestRaw(fixture, raw);

    expect(['ticket_created']).toContain(result.status);
    expect(result.ticketId).toBeTruthy();
  });

  it('rejects an empty body', async () => {
    const response = await fixture.request('POST', '/channels/email/inbound', {
      token: fixture.admin.token,
      rawBody: Buffer.alloc(0),
      headers: { 'content-type': 'message/rfc822' },
    });

    expect(response.status).toBe(400);
  });

  it('rejects text/plain mail with 415', async () => {
    const response = await fixture.request('POST', '/channels/email/inbound', {
      token: fixture.admin.token,
      rawBody: 'Subject: x',
      headers: { 'content-type': 'text/plain' },
    });

    expect(response.status).toBe(415);
    expect(response.body.details[0].reason).toBe(
      'Content-Type text/plain is not supported here; send message/rfc822 or application/octet-stream',
    );
  });

  it('rejects a JSON body with 415', async () => {
    const response = await fixture.request('POST', '/channels/email/inbound', {
      token: fixture.admin.token,
      body: { raw: 'Subject: x' },
    });

    expect(response.status).toBe(415);
    expect(response.body.details[0].reason).toBe(
      'Content-Type application/json is not supported here; send message/rfc822 or application/octet-stream',
    );
  });

  it('lands a reply to a merged ticket on the final target', async () => {
    const first = await ingestRaw(
      fixture,
      buildMail({ from: 'merge@example.org', subject: 'Eins', messageId: '<merge1@example.org>' }),
    );
    const second = await ingestRaw(
      fixture,
      buildMail({ from: 'merge@example.org', subject: 'Zwei', messageId: '<merge2@example.org>' }),
    );
    const third = await ingestRaw(
      fixture,
      buildMail({ from: 'merge@example.org', subject: 'Drei', messageId: '<merge3@example.org>' }),
    );
    const source = await ticketOf(fixture, first.ticketId);
    await merge(first.ticketId, second.ticketId);

    const reply = await ingestRaw(
      fixture,
      buildMail({
        from: 'merge@example.org',
        subject: 'Re: Eins',
        messageId: '<merge-re1@example.org>',
        inReplyTo: `<x1.${source.number}@support.example.com>`,
      }),
    );
    expect(reply.ticketId).toBe(second.ticketId);
    expect((await ticketOf(fixture, first.ticketId)).stateType).toBe('merged');

    await merge(second.ticketId, third.ticketId);
    const again = await ingestRaw(
      fixture,
      buildMail({
        from: 'merge@example.org',
        subject: 'Re: Eins',
        messageId: '<merge-re2@example.org>',
        inReplyTo: `<x1.${source.number}@support.example.com>`,
      }),
    );
    expect(again.ticketId).toBe(third.ticketId);
    expect((await ticketOf(fixture, first.ticketId)).stateType).toBe('merged');
  });

  async function merge(sourceId: string, targetId: string): Promise<void> {
    const etag = await fixture.etagOf(sourceId);
    await fixture.expectStatus(200, 'POST', `/tickets/${sourceId}/merge`, {
      token: fixture.admin.token,
      headers: { 'if-match': etag },
      body: { targetTicketId: targetId },
    });
  }
});
