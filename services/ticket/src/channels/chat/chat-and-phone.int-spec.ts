import { TicketEvents } from '@deskflow/contracts';
import { EventCollector } from '../../../test/support/event-collector';
import { articlesOf, ticketOf } from '../../../test/support/mail-ingest';
import { TicketServiceFixture } from '../../../test/support/ticket-service.fixture';
import { signChatPayload } from './chat-signature';

const SECRET = 'chat-test-secret';

describe('chat webhook and phone calls', () => {
  let fixture: TicketServiceFixture;
  const events = new EventCollector();

  beforeAll(async () => {
    fixture = await TicketServiceFixture.start({ CHAT_WEBHOOK_SECRET: SECRET });
    await events.start();
  }, 60000);

  afterAll(async () => {
    await events.stop();
    await fixture.close();
  });

  function post(message: object, options: { secret?: string; timestamp?: number } = {}) {
    const raw = Buffer.from(JSON.stringify(message));
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));

    return fixture.request('POST', '/channels/chat/webhook', {
      rawBody: raw,
      headers: {
        'content-type': 'application/json',
        'x-deskflow-timestamp': timestamp,
        'x-deskflow-signature': signChatPayload(options.secret ?? SECRET, timestamp, raw),
      },
    });
  }

  const message = (messageId: string, text: string) => ({
    conversationId: 'conv-1',
    messageId,
    senderRole: 'customer',
    senderEmail: 'chatter@example.org',
    senderName: 'Chatter',
    text,
  });

  it('maps a conversation to one ticket', async () => {
    const first = await post(message('msg-1', 'VPN bricht ab'));
    const second = await post(message('msg-2', 'Seit heute morgen'));
    const articles = await articlesOf(fixture, first.body.ticketId);
    const ticket = await ticketOf(fixture, first.body.ticketId);

    expect(first.status).toBe(200);
    expect(second.body.ticketId).toBe(first.body.ticketId);
    expect(ticket.channel).toBe('chat');
    expect(ticket.title).toBe('VPN bricht ab');
    expect(articles.map((article: any) => article.bodyText)).toEqual([
      'VPN bricht ab',
      'Seit heute morgen',
    ]);
  });

  it('ignores a repeated message id, also concurrently', async () => {
    const [first, second] = await Promise.all([
      post(message('msg-3', 'Noch da?')),
      post(message('msg-3', 'Noch da?')),
    ]);
    const articles = await articlesOf(fixture, first.body.ticketId);

    expect(first.body.articleId).toBe(second.body.articleId);
    expect([first.body.duplicate, second.body.duplicate].sort()).toEqual([false, true]);
    expect(articles.filter((article: any) => article.bodyText === 'Noch da?')).toHaveLength(1);
  });

  it('opens one ticket for concurrent first messages', async () => {
    const opening = (id: string) => ({ ...message(id, 'Start'), conversationId: 'conv-2' });
    const results = await Promise.all([
      post(opening('c2-1')),
      post(opening('c2-2')),
      post(opening('c2-3')),
    ]);

    expect(new Set(results.map((result) => result.body.ticketId)).size).toBe(1);
  });

  it('rejects a wrong signature', async () => {
    const response = await post(message('msg-x', 'forged'), { secret: 'wrong' });

    expect(response.status).toBe(401);
  });

  it('rejects an old timestamp', async () => {
    const response = await post(message('msg-y', 'replayed'), {
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    });

    expect(response.status).toBe(401);
  });

  it.each([
    ['invalid fields', Buffer.from(JSON.stringify({ text: '' }))],
    ['malformed JSON', Buffer.from('{"conversationId":')],
  ])('rejects unsigned %s with 401', async (_case, raw) => {
    const response = await fixture.request('POST', '/channels/chat/webhook', {
      rawBody: raw,
      headers: { 'content-type': 'application/json' },
    });

    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ statusCode: 401, error: 'unauthorized' });
    expect(response.body.message).toContain('X-Deskflow-Timestamp');
  });

  it('rejects forged invalid body with 401', async () => {
    const response = await post({ text: '' }, { secret: 'wrong' });

    expect(response.status).toBe(401);
  });

  it('rejects a message without text', async () => {
    const response = await post({ ...message('msg-z', 'x'), text: '' });

    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('text');
  });

  it('logs a call that opens a ticket', async () => {
    const response = await fixture.expectStatus(201, 'POST', '/channels/phone/calls', {
      token: fixture.admin.token,
      body: {
        customerEmail: 'caller@example.org',
        direction: 'inbound',
        durationSeconds: 185,
        notes: 'Drucker im 2. OG\nPapierstau',
      },
    });
    const ticket = await ticketOf(fixture, response.body.ticketId);
    const [article] = await articlesOf(fixture, response.body.ticketId);
    const created = await events.waitFor(
      TicketEvents.created.type,
      (event) => event.subject === response.body.ticketId,
    );

    expect(ticket.channel).toBe('phone');
    expect(ticket.title).toBe('Drucker im 2. OG');
    expect(article.channel).toBe('phone');
    expect(article.senderType).toBe('agent');
    expect(article.subject).toBe('Inbound call, 3:05 min');
    expect(created.data.article.channel).toBe('phone');
  });

  it('logs a call on an existing ticket', async () => {
    const opened = await post({ ...message('p-1', 'Rückruf bitte'), conversationId: 'conv-3' });
    const response = await fixture.expectStatus(201, 'POST', '/channels/phone/calls', {
      token: fixture.admin.token,
      body: {
        ticketId: opened.body.ticketId,
        direction: 'outbound',
        durationSeconds: 60,
        notes: 'Zurückgerufen',
      },
    });

    expect(response.body.ticketId).toBe(opened.body.ticketId);
    expect(response.body.durationSeconds).toBe(60);
  });

  it('rejects a call without customer or ticket', async () => {
    const response = await fixture.request('POST', '/channels/phone/calls', {
      token: fixture.admin.token,
      body: { direction: 'inbound', durationSeconds: 10, notes: 'x' },
    });

    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('customerEmail');
  });

  it('rejects a negative duration', async () => {
    const response = await fixture.request('POST', '/channels/phone/calls', {
      token: fixture.admin.token,
      body: {
        customerEmail: 'a@example.org',
        direction: 'inbound',
        durationSeconds: -1,
        notes: 'x',
      },
    });

    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('durationSeconds');
  });
});
