import { randomUUID } from 'node:crypto';
import { SlaEvents, TicketEvents, TicketSnapshot } from '@deskflow/contracts';
import { waitFor } from '@deskflow/testing';
import {
  agent,
  article,
  NotificationTestbed,
  publishDirectory,
  queue,
  startNotification,
  ticketSnapshot,
  waitForIdle,
  waitForProcessed,
} from '../../test/notification-test-kit';
import { decodeUnstructuredHeader, rawHeaderLines } from '../../test/mail-headers';
import { ReceivedMail } from '../../test/smtp-sink';

const MAIL_DOMAIN = 'support.deskflow.local';

describe('customer and agent mail', () => {
  const it_ = queue('IT');
  const anna = agent('Anna', [it_.id]);
  let bed: NotificationTestbed;

  beforeAll(async () => {
    bed = await startNotification({ PORTAL_URL: 'https://portal.example.org/', MAIL_DOMAIN });
    await publishDirectory(bed.publisher, [it_], [anna]);
  });

  afterAll(async () => {
    await bed.close();
  });

  function customer(language = 'en') {
    const id = randomUUID();

    return { id, email: `c-${id.slice(0, 8)}@customer.example.org`, name: 'Erika', language };
  }

  async function mailsTo(address: string, count: number): Promise<ReceivedMail[]> {
    return waitFor(() => bed.smtp.to(address).length >= count && bed.smtp.to(address), {
      timeoutMs: 20000,
      what: `${count} mail(s) to ${address}`,
    });
  }

  /** Publishes an event that triggers no notification on the same ticket and waits for it. */
  async function barrier(ticket: TicketSnapshot): Promise<void> {
    await bed.publisher.publishAndWait(TicketEvents.linked, {
      ticket,
      otherTicketId: randomUUID(),
      linkType: 'related',
    });
    await waitForIdle(bed.db);
  }

  async function openTicket(overrides: Partial<TicketSnapshot> = {}, suppressAutoReply = false) {
    const ticket = ticketSnapshot(it_.id, { customer: customer(), ...overrides });
    const first = article({ fromAddress: ticket.customer.email });
    await bed.publisher.publishAndWait(
      TicketEvents.created,
      { ticket, article: first, suppressAutoReply },
      { actor: `customer:${ticket.customer.id}` },
    );

    return { ticket, first };
  }

  async function applySla(ticket: TicketSnapshot, dueAt: string) {
    await bed.publisher.publishAndWait(SlaEvents.applied, {
      ticketId: ticket.id,
      ticketNumber: ticket.number,
      policyId: null,
      policyName: 'Standard',
      clocks: [{ kind: 'first_response', status: 'running', dueAt, targetSeconds: 3600 }],
    });
  }

  /** Assigns the ticket to Anna as an admin and returns the mail Anna receives about it. */
  async function assignToAnna(ticket: TicketSnapshot): Promise<ReceivedMail> {
    const assigned = { ...ticket, owner: { id: anna.id, email: anna.email, name: 'Anna' } };
    await bed.publisher.publishAndWait(
      TicketEvents.assigned,
      { ticket: assigned, previousOwnerId: null, ownerId: anna.id },
      { actor: `admin:${randomUUID()}` },
    );

    return waitFor(
      () => bed.smtp.to(anna.email).find((item) => item.subject.includes(ticket.number)),
      {
        what: 'assignment mail',
      },
    );
  }

  it('sends a public agent reply once with threading headers', async () => {
    const { ticket, first } = await openTicket({
      owner: { id: anna.id, email: anna.email, name: 'Anna' },
    });
    await applySla(ticket, '2026-11-16T10:00:00Z');
    await mailsTo(ticket.customer.email!, 1);

    const reply = article({
      senderType: 'agent',
      authorId: anna.id,
      fromAddress: 'support@support.deskflow.local',
      subject: `Re: [#${ticket.number}] ${ticket.title}`,
      bodyText: 'Please restart the printer.',
      messageId: `<reply1.${ticket.number}@${MAIL_DOMAIN}>`,
      inReplyTo: first.messageId,
      references: [first.messageId!],
    });
    const envelope = await bed.publisher.publishAndWait(
      TicketEvents.articleAdded,
      { ticket: { ...ticket, stateType: 'open', state: 'open' }, article: reply },
      { actor: `agent:${anna.id}` },
    );
    const mails = await mailsTo(ticket.customer.email!, 2);
    await bed.publisher.send(envelope);
    await barrier(ticket);

    const replies = bed.smtp
      .to(ticket.customer.email!)
      .filter((mail) => mail.messageId === reply.messageId);
    expect(replies).toHaveLength(1);
    expect(replies[0].inReplyTo).toBe(first.messageId);
    expect(replies[0].references).toEqual([first.messageId]);
    expect(replies[0].subject).toContain(`[#${ticket.number}]`);
    expect(replies[0].text).toContain('Please restart the printer.');
    expect(replies[0].headers.has('auto-submitted')).toBe(false);
    expect(replies[0].headers.has('x-auto-response-suppress')).toBe(false);
    expect(mails.length).toBe(2);
    expect(bed.smtp.to(anna.email)).toHaveLength(0);
  });

  it('links the portal below a cut agent reply', async () => {
    const { ticket, first } = await openTicket({ customer: customer('de') });
    await applySla(ticket, '2026-11-16T10:00:00Z');
    await mailsTo(ticket.customer.email!, 1);

    const reply = article({
      senderType: 'agent',
      authorId: anna.id,
      bodyText: 'Bitte den Drucker neu starten. '.repeat(100),
      bodyTruncated: true,
      messageId: `<cut-reply.${ticket.number}@${MAIL_DOMAIN}>`,
      inReplyTo: first.messageId,
    });
    await bed.publisher.publishAndWait(
      TicketEvents.articleAdded,
      { ticket: { ...ticket, stateType: 'open', state: 'open' }, article: reply },
      { actor: `agent:${anna.id}` },
    );
    const mails = await mailsTo(ticket.customer.email!, 2);
    const sent = mails.find((mail) => mail.messageId === reply.messageId);

    expect(sent?.text).toContain('Bitte den Drucker neu starten.');
    expect(sent?.text).toContain(
      `[Die Nachricht geht im Portal weiter: https://portal.example.org/tickets/${ticket.id}]`,
    );
  });

  it('acknowledges with the promised first-response time', async () => {
    const { ticket, first } = await openTicket();
    await applySla(ticket, '2026-11-16T10:00:00Z');
    const [ack] = await mailsTo(ticket.customer.email!, 1);

    expect(ack.subject).toContain(`[#${ticket.number}]`);
    expect(ack.text).toContain('We will answer by November 16, 2026');
    expect(ack.headers.get('auto-submitted')).toBe('auto-replied');
    expect(ack.headers.get('x-auto-response-suppress')).toBe('All');
    expect(ack.inReplyTo).toBe(first.messageId);
    expect(ack.messageId).toMatch(
      new RegExp(`^<[0-9a-f]{32}\\.${ticket.number}@support\\.deskflow\\.local>$`),
    );
  });

  it('sends the acknowledgement without a time after the grace period', async () => {
    const { ticket } = await openTicket();
    const [ack] = await mailsTo(ticket.customer.email!, 1);
    // The sink can receive the mail before the delivery row records it as delivered.
    const waitedMs = await waitFor(
      async () => {
        const { rows } = await bed.db.query(
          `SELECT EXTRACT(EPOCH FROM "delivered_at" - "created_at") * 1000 AS waited FROM "notification"."delivery" WHERE "ticket_id" = $1 AND "kind" = 'acknowledgement'`,
          [ticket.id],
        );

        return rows[0]?.waited != null && Number(rows[0].waited);
      },
      { what: 'the acknowledgement marked delivered' },
    );

    expect(ack.text).not.toContain('We will answer by');
    expect(waitedMs).toBeGreaterThanOrEqual(1500);
  });

  it('sends no acknowledgement to an automatic sender', async () => {
    const { ticket } = await openTicket({}, true);
    await applySla(ticket, '2026-11-16T10:00:00Z');
    await barrier(ticket);

    expect(bed.smtp.to(ticket.customer.email!)).toHaveLength(0);
  });

  it('marks an agent notification as auto-generated', async () => {
    const { ticket, first } = await openTicket();
    const mail = await assignToAnna(ticket);

    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.headers.get('x-auto-response-suppress')).toBe('All');
    expect(mail.inReplyTo).toBe(first.messageId);
    expect(mail.subject).toContain(`[#${ticket.number}]`);
  });

  it('escapes a script in the title in the HTML part', async () => {
    const { ticket } = await openTicket({ title: '<script>alert("x")</script> Printer' });
    const mail = await assignToAnna(ticket);

    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Printer');
    expect(mail.html).not.toContain('<script>');
  });

  const titles = [
    {
      case: 'angle brackets',
      title: 'Drucker <Etage 3> druckt nicht',
      html: 'Drucker &lt;Etage 3&gt; druckt nicht',
    },
    {
      case: 'markup characters and non-ASCII letters, folded',
      title: `Drucker <Etage 3> & "Büro" 'Süd': Größe ändern, Toner für 12 € bestellen – bis Freitag`,
      html: 'Drucker &lt;Etage 3&gt; &amp; &quot;Büro&quot; &#39;Süd&#39;: Größe ändern, Toner für 12 € bestellen – bis Freitag',
    },
    {
      case: 'long ASCII, folded',
      title:
        'Printer <floor 3> & scanner <floor 4> both report a paper jam although all trays are empty',
      html: 'Printer &lt;floor 3&gt; &amp; scanner &lt;floor 4&gt; both report a paper jam although all trays are empty',
    },
    {
      case: 'text that looks like an encoded word',
      title: 'Subject reads =?utf-8?B?SGFsbG8=?= <literally>',
      html: 'Subject reads =?utf-8?B?SGFsbG8=?= &lt;literally&gt;',
    },
  ];

  /** Returns the mail that notifies Anna, as a member of the queue, of the new ticket. */
  async function newTicketMail(ticket: TicketSnapshot): Promise<ReceivedMail> {
    return waitFor(
      () => bed.smtp.to(anna.email).find((mail) => mail.messageId?.includes(`.${ticket.number}@`)),
      { what: `new ticket mail about #${ticket.number}` },
    );
  }

  it.each(titles)('keeps a title with $case in every part', async ({ title, html }) => {
    const { ticket } = await openTicket({ title });
    const mail = await newTicketMail(ticket);
    const subject = `[#${ticket.number}] New ticket in IT: ${title}`;
    const subjectLines = rawHeaderLines(mail.raw, 'subject');

    expect(subjectLines.length).toBeGreaterThan(0);
    for (const line of subjectLines) {
      expect(line).toMatch(/^[\x20-\x7e\t]*$/);
      expect(line.length).toBeLessThanOrEqual(78);
    }
    expect(decodeUnstructuredHeader(subjectLines)).toBe(subject);
    expect(mail.subject).toBe(subject);
    expect(mail.html).toContain(`<p><strong>${html}</strong></p>`);
    expect(mail.html).not.toContain(title);
    expect(mail.text).toBe(
      `New unassigned ticket #${ticket.number} (P3) in queue IT from Erika:\n\n${title}\n\nIt shows error E42.\n`,
    );
  });

  it('links the satisfaction rating in the resolved mail', async () => {
    const { ticket } = await openTicket();
    await applySla(ticket, '2026-11-16T10:00:00Z');
    await mailsTo(ticket.customer.email!, 1);
    const resolved = { ...ticket, state: 'resolved', stateType: 'resolved' as const };
    await bed.publisher.publishAndWait(
      TicketEvents.stateChanged,
      {
        ticket: resolved,
        from: { state: 'open', stateType: 'open' },
        to: { state: 'resolved', stateType: 'resolved' },
        changedAt: new Date().toISOString(),
      },
      { actor: `agent:${anna.id}` },
    );
    const mails = await mailsTo(ticket.customer.email!, 2);

    expect(mails[1].text).toContain(`https://portal.example.org/tickets/${ticket.id}/satisfaction`);
    expect(mails[1].headers.get('auto-submitted')).toBe('auto-generated');
  });

  it('writes to a German customer in German and falls back to English', async () => {
    const german = await openTicket({ customer: customer('de') });
    const french = await openTicket({ customer: customer('fr') });
    await applySla(german.ticket, '2026-11-16T10:00:00Z');
    await applySla(french.ticket, '2026-11-16T10:00:00Z');
    const [germanAck] = await mailsTo(german.ticket.customer.email!, 1);
    const [frenchAck] = await mailsTo(french.ticket.customer.email!, 1);

    expect(germanAck.subject).toContain('Ihre Anfrage ist eingegangen');
    expect(germanAck.text).toContain('16. November 2026');
    expect(frenchAck.subject).toContain('We received your request');
  });

  it('processes a redelivered creation once', async () => {
    const ticket = ticketSnapshot(it_.id, { customer: customer() });
    const envelope = await bed.publisher.publishAndWait(TicketEvents.created, {
      ticket,
      article: article(),
    });
    await bed.publisher.send(envelope);
    await applySla(ticket, '2026-11-16T10:00:00Z');
    await barrier(ticket);

    expect(bed.smtp.to(ticket.customer.email!)).toHaveLength(1);
    await waitForProcessed(bed.harness, envelope.id);
  });

  it('reuses SMTP connections across mails', async () => {
    const tickets = Array.from({ length: 12 }, () =>
      ticketSnapshot(it_.id, { customer: customer(), stateType: 'open', state: 'open' }),
    );
    const connectionsBefore = bed.smtp.connections;

    await Promise.all(
      tickets.map((ticket) =>
        bed.publisher.publishAndWait(
          TicketEvents.articleAdded,
          {
            ticket,
            article: article({ senderType: 'agent', authorId: anna.id, bodyText: 'Done.' }),
          },
          { actor: `agent:${anna.id}` },
        ),
      ),
    );
    for (const ticket of tickets) await mailsTo(ticket.customer.email!, 1);

    // The pool opens at most DELIVERY_SEND_CONCURRENCY (8) connections; one per mail would be 12.
    expect(bed.smtp.connections - connectionsBefore).toBeLessThanOrEqual(8);
  });
});
