import { EventCollector } from '../../test/support/event-collector';
import { Person, TicketServiceFixture } from '../../test/support/ticket-service.fixture';

const PDF = Buffer.from('%PDF-1.4\n%%EOF', 'latin1');

describe('merge, split and links', () => {
  let service: TicketServiceFixture;
  const events = new EventCollector();
  let queueId: string;
  let agent: Person;
  let customer: Person;

  beforeAll(async () => {
    service = await TicketServiceFixture.start();
    await events.start();
    queueId = (await service.createQueue('Merges')).id;
    agent = await service.createAgent({ [queueId]: 'write' });
    customer = await service.createCustomer();
  });

  afterAll(async () => {
    await events.stop();
    await service.close();
  });

  async function ticketWith(title: string, articles: object[] = []): Promise<any> {
    const { ticket } = await service.createTicket(
      { title, queueId, customerId: customer.id, channel: 'email' },
      agent.token,
    );
    for (const body of articles) {
      await service.expectStatus(201, 'POST', `/tickets/${ticket.id}/articles`, {
        token: agent.token,
        body,
      });
    }

    return ticket;
  }

  function link(from: any, to: any, linkType = 'related') {
    return service.request('POST', `/tickets/${from.id}/links`, {
      token: agent.token,
      body: { targetTicketId: to.number, linkType },
    });
  }

  async function merge(source: any, target: any) {
    return service.request('POST', `/tickets/${source.id}/merge`, {
      token: agent.token,
      body: { targetTicketId: target.id },
      headers: { 'if-match': await service.etagOf(source.id) },
    });
  }

  it('creates a link once and reports the repeat as existing', async () => {
    const a = await ticketWith('A');
    const b = await ticketWith('B');

    const first = await link(a, b);
    const repeat = await link(b, a);
    const self = await link(a, a);

    expect(first.status).toBe(201);
    expect(repeat.status).toBe(200);
    expect(repeat.body.id).toBe(first.body.id);
    expect(self.status).toBe(400);
    expect(self.body.details[0].field).toBe('targetTicketId');
    await events.waitFor('ticket.linked', (event) => event.subject === a.id);
    expect(
      events.ofType('ticket.linked').filter((event) => [a.id, b.id].includes(event.subject)),
    ).toHaveLength(1);
    const links = await service.expectStatus(200, 'GET', `/tickets/${b.id}/links`, {
      token: agent.token,
    });
    expect(links.body).toEqual([
      expect.objectContaining({ role: 'related', ticket: expect.objectContaining({ id: a.id }) }),
    ]);
  });

  it('applies the merge rules step by step (merge rules case)', async () => {
    const target = await ticketWith('Drucker 1042', [{ bodyText: 'target article 1' }]);
    const source = await ticketWith('Drucker 1043', [
      {
        bodyText: 'source reply',
        attachments: [{ filename: 'Rechnung März.pdf', contentBase64: PDF.toString('base64') }],
      },
      { bodyText: 'source second' },
    ]);
    await service.expectStatus(201, 'POST', `/tickets/${target.id}/articles`, {
      token: agent.token,
      body: { bodyText: 'target article 2' },
    });
    const shared = await ticketWith('Shared 1050');
    expect((await link(source, shared)).status).toBe(201);
    expect((await link(target, shared)).status).toBe(201);
    const sourceArticles = await service.expectStatus(
      200,
      'GET',
      `/tickets/${source.id}/articles`,
      { token: agent.token },
    );
    const outboundMessageId = sourceArticles.body[0].messageId;

    const self = await merge(target, target);
    expect(self.status).toBe(400);
    expect(self.body.details[0].field).toBe('targetTicketId');

    const merged = await merge(source, target);
    expect(merged.status).toBe(200);
    expect(merged.body.source.state).toBe('merged');
    expect(merged.body.source.mergedIntoId).toBe(target.id);
    expect(merged.body.target.hasAttachments).toBe(true);
    const articles = await service.expectStatus(200, 'GET', `/tickets/${target.id}/articles`, {
      token: agent.token,
    });
    expect(articles.body.map((article: { bodyText: string }) => article.bodyText)).toEqual([
      'target article 1',
      'source reply',
      'source second',
      'target article 2',
    ]);
    const links = await service.expectStatus(200, 'GET', `/tickets/${target.id}/links`, {
      token: agent.token,
    });
    expect(links.body.filter((view: any) => view.ticket.id === shared.id)).toHaveLength(1);
    expect(
      articles.body.find((article: any) => article.messageId === outboundMessageId).ticketId,
    ).toBe(target.id);

    const final = await ticketWith('Final 1051');
    expect((await merge(target, final)).status).toBe(200);
    const finalArticles = await service.expectStatus(200, 'GET', `/tickets/${final.id}/articles`, {
      token: agent.token,
    });
    expect(finalArticles.body.some((article: any) => article.messageId === outboundMessageId)).toBe(
      true,
    );

    const reopen = await service.request('PATCH', `/tickets/${source.id}`, {
      token: agent.token,
      body: { state: 'open' },
      headers: { 'if-match': await service.etagOf(source.id) },
    });
    expect(reopen.status).toBe(409);
    expect(
      (await service.expectStatus(200, 'GET', `/tickets/${source.id}`, { token: agent.token })).body
        .state,
    ).toBe('merged');

    const intoMerged = await merge(final, source);
    expect(intoMerged.status).toBe(409);
    expect(intoMerged.body.details[0].field).toBe('targetTicketId');

    const pending = await service.request('PATCH', `/tickets/${final.id}`, {
      token: agent.token,
      body: { state: 'pending_reminder' },
      headers: { 'if-match': await service.etagOf(final.id) },
    });
    expect(pending.status).toBe(400);
    expect(pending.body.details[0].field).toBe('pendingUntil');

    const mergedEvent = await events.waitFor(
      'ticket.merged',
      (event) => event.subject === source.id,
    );
    expect(mergedEvent.data.targetNumber).toBe(target.number);
    expect(
      events
        .ofType('ticket.article_added', target.id)
        .filter((event) => event.data.article.bodyText.startsWith('source')),
    ).toEqual([]);
  });

  it('rejects articles on a merged ticket with 409', async () => {
    const source = await ticketWith('Merged source');
    const target = await ticketWith('Merged target');
    await merge(source, target);

    const response = await service.request('POST', `/tickets/${source.id}/articles`, {
      token: agent.token,
      body: { bodyText: 'x' },
    });

    expect(response.status).toBe(409);
  });

  it('splits an article into a child ticket with a copy of its attachment', async () => {
    const parent = await ticketWith('Two problems', [
      {
        bodyText: 'second problem',
        attachments: [{ filename: 'log.pdf', contentBase64: PDF.toString('base64') }],
      },
    ]);
    const articles = await service.expectStatus(200, 'GET', `/tickets/${parent.id}/articles`, {
      token: agent.token,
    });

    const child = await service.expectStatus(
      201,
      'POST',
      `/tickets/${parent.id}/articles/${articles.body[0].id}/split`,
      {
        token: agent.token,
        body: { title: 'Second problem' },
      },
    );

    const childArticles = await service.expectStatus(
      200,
      'GET',
      `/tickets/${child.body.id}/articles`,
      { token: agent.token },
    );
    expect(childArticles.body[0].bodyText).toBe('second problem');
    expect(childArticles.body[0].attachments[0].filename).toBe('log.pdf');
    expect(childArticles.body[0].messageId).not.toBe(articles.body[0].messageId);
    expect(child.body.hasAttachments).toBe(true);
    const links = await service.expectStatus(200, 'GET', `/tickets/${parent.id}/links`, {
      token: agent.token,
    });
    expect(links.body).toEqual([
      expect.objectContaining({ role: 'child', linkType: 'parent_child' }),
    ]);
  });

  it('answers 404 when the merge target is outside the agent queues', async () => {
    const hiddenQueue = await service.createQueue('Hidden');
    const { ticket: hidden } = await service.createTicket({
      title: 'Hidden',
      queueId: hiddenQueue.id,
      customerId: customer.id,
    });
    const source = await ticketWith('Visible');

    const response = await merge(source, hidden);

    expect(response.status).toBe(404);
    expect(JSON.stringify(response.body)).not.toContain('Hidden');
  });
});
