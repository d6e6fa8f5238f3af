import { EventCollector } from '../../test/support/event-collector';
import { Person, TicketServiceFixture } from '../../test/support/ticket-service.fixture';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF', 'latin1');

describe('articles and attachments', () => {
  let service: TicketServiceFixture;
  const events = new EventCollector();
  let queueId: string;
  let agent: Person;
  let customer: Person;
  let otherCustomer: Person;

  beforeAll(async () => {
    service = await TicketServiceFixture.start({ ATTACHMENT_MAX_BYTES: '2048' });
    await events.start();
    queueId = (await service.createQueue('Support')).id;
    agent = await service.createAgent({ [queueId]: 'write' });
    customer = await service.createCustomer();
    otherCustomer = await service.createCustomer();
  });

  afterAll(async () => {
    await events.stop();
    await service.close();
  });

  async function newTicket(): Promise<any> {
    const { ticket } = await service.createTicket(
      {
        title: 'Mail geht nicht',
        queueId,
        customerId: customer.id,
        channel: 'email',
        article: { bodyText: 'Hilfe' },
      },
      agent.token,
    );

    return ticket;
  }

  it('sets first response once on public reply', async () => {
    const ticket = await newTicket();

    const note = await service.expectStatus(201, 'POST', `/tickets/${ticket.id}/articles`, {
      token: agent.token,
      body: { bodyText: 'internal note', visibility: 'internal' },
    });
    const afterNote = await service.expectStatus(200, 'GET', `/tickets/${ticket.id}`, {
      token: agent.token,
    });
    const reply = await service.expectStatus(201, 'POST', `/tickets/${ticket.id}/articles`, {
      token: agent.token,
      body: { bodyHtml: '<p>Antwort<script>alert(1)</script></p>' },
    });
    const afterReply = await service.expectStatus(200, 'GET', `/tickets/${ticket.id}`, {
      token: agent.token,
    });
    await service.expectStatus(201, 'POST', `/tickets/${ticket.id}/articles`, {
      token: agent.token,
      body: { bodyText: 'second' },
    });
    const afterSecond = await service.expectStatus(200, 'GET', `/tickets/${ticket.id}`, {
      token: agent.token,
    });

    expect(note.body.kind).toBe('note');
    expect(afterNote.body.firstResponseAt).toBeNull();
    expect(afterReply.body.firstResponseAt).toBe(reply.body.createdAt);
    expect(afterSecond.body.firstResponseAt).toBe(reply.body.createdAt);
    expect(reply.body.messageId).toBe(`<${reply.body.id}.${ticket.number}@support.deskflow.local>`);
    expect(reply.body.bodyHtml).toBe('<p>Antwort</p>');
    expect(reply.body.bodyText).toBe('Antwort');
    const added = await events.waitFor(
      'ticket.article_added',
      (event) => event.data.article.id === reply.body.id,
    );
    expect(added.data.article).toMatchObject({
      senderType: 'agent',
      visibility: 'public',
      automatic: false,
    });
  });

  it('publishes an internal note without backdating the first response', async () => {
    const ticket = await newTicket();
    const note = await service.expectStatus(201, 'POST', `/tickets/${ticket.id}/articles`, {
      token: agent.token,
      body: { bodyText: 'Reply drafted as note', visibility: 'internal', kind: 'message' },
    });

    const published = await service.expectStatus(
      200,
      'PATCH',
      `/tickets/${ticket.id}/articles/${note.body.id}`,
      {
        token: agent.token,
        body: { visibility: 'public' },
      },
    );
    const again = await service.request('PATCH', `/tickets/${ticket.id}/articles/${note.body.id}`, {
      token: agent.token,
      body: { visibility: 'public' },
    });

    const current = await service.expectStatus(200, 'GET', `/tickets/${ticket.id}`, {
      token: agent.token,
    });
    expect(published.body.visibility).toBe('public');
    expect(new Date(current.body.firstResponseAt).getTime()).toBeGreaterThan(
      new Date(note.body.createdAt).getTime(),
    );
    expect(again.status).toBe(409);
    const updated = await events.waitFor(
      'ticket.article_updated',
      (event) => event.data.article.id === note.body.id,
    );
    expect(updated.data.changedAt).toBe(current.body.firstResponseAt);
  });

  it('shows customers only public articles and lets them reply, reopening a pending ticket', async () => {
    const ticket = await newTicket();
    await service.expectStatus(201, 'POST', `/tickets/${ticket.id}/articles`, {
      token: agent.token,
      body: { bodyText: 'secret', visibility: 'internal' },
    });
    const etag = await service.etagOf(ticket.id);
    await service.expectStatus(200, 'PATCH', `/tickets/${ticket.id}`, {
      token: agent.token,
      body: { state: 'pending_customer' },
      headers: { 'if-match': etag },
    });

    const reply = await service.expectStatus(201, 'POST', `/tickets/${ticket.id}/articles`, {
      token: customer.token,
      body: { bodyText: 'Here is the info' },
    });
    const internal = await service.request('POST', `/tickets/${ticket.id}/articles`, {
      token: customer.token,
      body: { bodyText: 'x', visibility: 'internal' },
    });
    const visible = await service.expectStatus(200, 'GET', `/tickets/${ticket.id}/articles`, {
      token: customer.token,
    });
    const current = await service.expectStatus(200, 'GET', `/tickets/${ticket.id}`, {
      token: customer.token,
    });

    expect(reply.body.senderType).toBe('customer');
    expect(reply.body.channel).toBe('portal');
    expect(internal.status).toBe(400);
    expect(internal.body.details[0].field).toBe('visibility');
    expect(visible.body.map((article: { bodyText: string }) => article.bodyText)).toEqual([
      'Hilfe',
      'Here is the info',
    ]);
    expect(current.body.state).toBe('open');
    expect(current.body.tags).toBeUndefined();
  });

  it('detects multipart upload type from bytes', async () => {
    const ticket = await newTicket();
    const form = new FormData();
    form.append('article', JSON.stringify({ bodyText: 'Rechnung anbei' }));
    form.append('file', new Blob([PDF], { type: 'image/png' }), 'Rechnung März.pdf');

    const response = await fetch(`${service.harness.url}/api/v1/tickets/${ticket.id}/articles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${customer.token}` },
      body: form,
    });
    const article = (await response.json()) as any;
    const attachment = article.attachments[0];
    const download = await fetch(
      `${service.harness.url}/api/v1/tickets/${ticket.id}/attachments/${attachment.id}`,
      {
        headers: { authorization: `Bearer ${customer.token}` },
      },
    );

    expect(response.status).toBe(201);
    expect(attachment).toMatchObject({
      filename: 'Rechnung März.pdf',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toContain(
      "filename*=UTF-8''Rechnung%20M%C3%A4rz.pdf",
    );
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);
    const current = await service.expectStatus(200, 'GET', `/tickets/${ticket.id}`, {
      token: agent.token,
    });
    expect(current.body.hasAttachments).toBe(true);
  });

  it('answers 404 for another customer asking for an article list or attachment', async () => {
    const ticket = await newTicket();
    const article = await service.expectStatus(201, 'POST', `/tickets/${ticket.id}/articles`, {
      token: agent.token,
      body: {
        bodyText: 'see file',
        attachments: [{ filename: 'a.pdf', contentBase64: PDF.toString('base64') }],
      },
    });
    const attachmentId = article.body.attachments[0].id;

    const list = await service.request('GET', `/tickets/${ticket.id}/articles`, {
      token: otherCustomer.token,
    });
    const download = await service.request(
      'GET',
      `/tickets/${ticket.id}/attachments/${attachmentId}`,
      { token: otherCustomer.token },
    );
    const post = await service.request('POST', `/tickets/${ticket.id}/articles`, {
      token: otherCustomer.token,
      body: { bodyText: 'x' },
    });

    expect(list.status).toBe(404);
    expect(download.status).toBe(404);
    expect(post.status).toBe(404);
    expect(JSON.stringify(download.body)).not.toContain('a.pdf');
  });

  it('hides attachments of internal articles from the customer', async () => {
    const ticket = await newTicket();
    const note = await service.expectStatus(201, 'POST', `/tickets/${ticket.id}/articles`, {
      token: agent.token,
      body: {
        bodyText: 'note',
        visibility: 'internal',
        attachments: [{ filename: 'n.pdf', contentBase64: PDF.toString('base64') }],
      },
    });

    const download = await service.request(
      'GET',
      `/tickets/${ticket.id}/attachments/${note.body.attachments[0].id}`,
      {
        token: customer.token,
      },
    );

    expect(download.status).toBe(404);
  });

  it('rejects oversized attachments with 413 naming the file, in JSON and multipart', async () => {
    const ticket = await newTicket();
    const big = Buffer.alloc(4096, 1);

    const json = await service.request('POST', `/tickets/${ticket.id}/articles`, {
      token: agent.token,
      body: {
        bodyText: 'x',
        attachments: [{ filename: 'big.bin', contentBase64: big.toString('base64') }],
      },
    });
    const form = new FormData();
    form.append('article', JSON.stringify({ bodyText: 'x' }));
    form.append('upload', new Blob([big]), 'big.bin');
    const multipart = await fetch(`${service.harness.url}/api/v1/tickets/${ticket.id}/articles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${agent.token}` },
      body: form,
    });
    const multipartBody = (await multipart.json()) as any;

    expect(json.status).toBe(413);
    expect(json.body.details[0].field).toBe('attachments.0');
    expect(multipart.status).toBe(413);
    expect(multipartBody.details[0].field).toBe('files.upload');
    const articles = await service.expectStatus(200, 'GET', `/tickets/${ticket.id}/articles`, {
      token: agent.token,
    });
    expect(articles.body).toHaveLength(1);
  });

  it('names an oversized attachment of an opening article under article', async () => {
    const big = Buffer.alloc(4096, 1);

    const response = await service.request('POST', '/tickets', {
      token: agent.token,
      body: {
        title: 'With a large file',
        queueId,
        customerId: customer.id,
        article: {
          bodyText: 'x',
          attachments: [
            { filename: 'small.txt', contentBase64: Buffer.from('ok').toString('base64') },
            { filename: 'big.bin', contentBase64: big.toString('base64') },
          ],
        },
      },
    });

    expect(response.status).toBe(413);
    expect(response.body.details).toHaveLength(1);
    expect(response.body.details[0].field).toBe('article.attachments.1');
  });

  it('rejects unknown article fields and mail headers from agents with 400', async () => {
    const ticket = await newTicket();

    const unknown = await service.request('POST', `/tickets/${ticket.id}/articles`, {
      token: agent.token,
      body: { bodyText: 'x', colour: 'red' },
    });
    const header = await service.request('POST', `/tickets/${ticket.id}/articles`, {
      token: agent.token,
      body: { bodyText: 'x', messageId: '<forged@example.org>' },
    });
    const empty = await service.request('POST', `/tickets/${ticket.id}/articles`, {
      token: agent.token,
      body: {},
    });

    expect(unknown.status).toBe(400);
    expect(unknown.body.details[0].field).toBe('colour');
    expect(header.status).toBe(400);
    expect(header.body.details[0].field).toBe('messageId');
    expect(empty.status).toBe(400);
    expect(empty.body.details[0].field).toBe('bodyText');
  });
});
