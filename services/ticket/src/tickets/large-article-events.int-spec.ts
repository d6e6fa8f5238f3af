import {
  EVENT_TEXT_LIMITS,
  EventEnvelope,
  TicketCreatedPayload,
  TicketEvents,
} from '@deskflow/contracts';
import { EventCollector } from '../../test/support/event-collector';
import { articlesOf, buildMail, ingestRaw } from '../../test/support/mail-ingest';
import { TicketServiceFixture } from '../../test/support/ticket-service.fixture';

const ENV = {
  EMAIL_DESK_ADDRESSES: 'support@example.com',
  MAIL_DOMAIN: 'support.example.com',
};

/** A line of two-byte and three-byte characters, so that a byte cut can fall inside one. */
const LINE = 'Grüße aus der Warteschlange – der Drucker druckt nicht €\n';

describe('events of articles over the event budget', () => {
  let fixture: TicketServiceFixture;
  const events = new EventCollector();

  beforeAll(async () => {
    fixture = await TicketServiceFixture.start(ENV);
    await events.start();
  }, 60000);

  afterAll(async () => {
    await events.stop();
    await fixture.close();
  });

  function createdEventOf(ticketId: string): Promise<EventEnvelope<TicketCreatedPayload>> {
    return events.waitFor(TicketEvents.created.type, (event) => event.subject === ticketId);
  }

  function expectCutBody(event: EventEnvelope<TicketCreatedPayload>, fullText: string): void {
    const body = event.data.article!.bodyText;
    const bytes = Buffer.byteLength(body, 'utf8');

    expect(event.data.article!.bodyTruncated).toBe(true);
    expect(bytes).toBeLessThanOrEqual(EVENT_TEXT_LIMITS.bodyBytes);
    expect(bytes).toBeGreaterThan(EVENT_TEXT_LIMITS.bodyBytes - 4);
    expect(body).not.toContain('\uFFFD');
    expect(fullText.startsWith(body)).toBe(true);
  }

  it('cuts the event of a 5 MB mail', async () => {
    const text = LINE.repeat(Math.ceil((5 * 1024 * 1024) / Buffer.byteLength(LINE)));
    const raw = buildMail({
      from: 'large@example.net',
      subject: 'Langer Bericht',
      messageId: '<large-report@example.net>',
      body: text,
    });
    expect(raw.length).toBeGreaterThan(5 * 1024 * 1024);

    const result = await ingestRaw(fixture, raw);
    expect(result.status).toBe('ticket_created');
    const event = await createdEventOf(result.ticketId);
    const [article] = await articlesOf(fixture, result.ticketId);

    expectCutBody(event, article.bodyText);
    expect(article.bodyText.length).toBeGreaterThanOrEqual(text.trim().length);

    const next = await ingestRaw(
      fixture,
      buildMail({ from: 'next@example.net', subject: 'Kurz', messageId: '<next@example.net>' }),
    );
    const nextEvent = await createdEventOf(next.ticketId);
    expect(nextEvent.data.article!.bodyText).toBe('Hallo');
    expect(nextEvent.data.article!.bodyTruncated).toBeUndefined();
  });

  it('cuts a 1 MB JSON article', async () => {
    const queueId = (await fixture.createQueue('Large articles')).id;
    const customer = await fixture.createCustomer();
    // 520,000 two-byte characters: 1,040,000 bytes, just under the 1 MiB request limit, and
    // with the ticket snapshot over the broker's 1 MB record limit.
    const bodyText = 'ä'.repeat(520_000);
    const { ticket } = await fixture.createTicket({
      title: 'Langer Text',
      queueId,
      customerId: customer.id,
      article: { bodyText },
    });

    const event = await createdEventOf(ticket.id);
    const [article] = await articlesOf(fixture, ticket.id);

    expectCutBody(event, bodyText);
    expect(article.bodyText).toBe(bodyText);

    const next = await fixture.createTicket({
      title: 'Kurzer Text',
      queueId,
      customerId: customer.id,
      article: { bodyText: 'Danke' },
    });
    const nextEvent = await createdEventOf(next.ticket.id);
    expect(nextEvent.data.article!.bodyText).toBe('Danke');
  });
});
