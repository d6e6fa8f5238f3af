import { AddressInfo } from 'node:net';
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { TicketEvents } from '@deskflow/contracts';
import { waitFor } from '@deskflow/testing';
import { EventCollector } from '../../../../test/support/event-collector';
import { articlesOf, buildMail, ingestRaw } from '../../../../test/support/mail-ingest';
import { TicketServiceFixture } from '../../../../test/support/ticket-service.fixture';

describe('mail round trip', () => {
  let fixture: TicketServiceFixture;
  const events = new EventCollector();
  let smtp: SMTPServer;
  let smtpPort: number;
  const captured: Buffer[] = [];

  beforeAll(async () => {
    fixture = await TicketServiceFixture.start({
      EMAIL_DESK_ADDRESSES: 'support@example.com',
      MAIL_DOMAIN: 'support.example.com',
    });
    await events.start();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          captured.push(Buffer.concat(chunks));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpPort = (smtp.server.address() as AddressInfo).port;
  }, 60000);

  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await events.stop();
    await fixture.close();
  });

  it('brings the customer answer back to the ticket', async () => {
    const opened = await ingestRaw(
      fixture,
      buildMail({
        from: 'Erika <erika@example.org>',
        subject: 'VPN bricht ab',
        messageId: '<rt1@mail.example.org>',
      }),
    );
    const reply = await fixture.expectStatus(201, 'POST', `/tickets/${opened.ticketId}/articles`, {
      token: fixture.admin.token,
      body: { visibility: 'public', bodyText: 'Bitte starten Sie den Client neu.' },
    });
    const event = await events.waitFor(
      TicketEvents.articleAdded.type,
      (candidate) => candidate.data.article.id === reply.body.id,
    );
    const { article, ticket } = event.data;

    // What the notification service sends for a public agent reply, built from the event alone.
    const transport = createTransport({
      host: '127.0.0.1',
      port: smtpPort,
      secure: false,
      ignoreTLS: true,
    });
    await transport.sendMail({
      from: 'support@example.com',
      to: ticket.customer.email,
      subject: `[#${ticket.number}] ${ticket.title}`,
      text: article.bodyText,
      messageId: article.messageId,
      inReplyTo: article.inReplyTo ?? '<rt1@mail.example.org>',
      references: [...(article.references ?? []), '<rt1@mail.example.org>'],
    });
    await waitFor(() => captured.length === 1 || undefined, {
      timeoutMs: 10000,
      what: 'the outgoing mail at the SMTP server',
    });
    const outgoing = captured[0].toString('utf8');
    const outgoingId = /^Message-ID:\s*(<[^>]+>)/im.exec(outgoing)?.[1];

    expect(article.messageId).toBe(`<${article.id}.${ticket.number}@support.example.com>`);
    expect(outgoingId).toBe(article.messageId);

    const answer = await ingestRaw(
      fixture,
      buildMail({
        from: 'erika@example.org',
        subject: 'Es geht wieder',
        messageId: '<rt2@mail.example.org>',
        inReplyTo: outgoingId,
        references: `<rt1@mail.example.org> ${outgoingId}`,
      }),
    );
    const articles = await articlesOf(fixture, opened.ticketId);

    expect(answer.ticketId).toBe(opened.ticketId);
    expect(answer.reason).toContain('by header');
    expect(articles).toHaveLength(3);
  });
});
