import { INVALID_UTF8_REASON } from '@deskflow/http';
import { Person, TicketServiceFixture } from '../../test/support/ticket-service.fixture';

interface Part {
  name: string;
  body: string | Buffer;
  contentType?: string;
  filename?: string;
}

/** Builds a multipart/form-data body by hand, because FormData cannot type a plain field. */
function multipart(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = 'deskflow-test-boundary';
  const sections = parts.map((part) => {
    const filename = part.filename === undefined ? '' : `; filename="${part.filename}"`;
    const type = part.contentType === undefined ? '' : `Content-Type: ${part.contentType}\r\n`;
    const headers = `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${filename}\r\n${type}\r\n`;

    return Buffer.concat([Buffer.from(headers), Buffer.from(part.body), Buffer.from('\r\n')]);
  });

  return {
    body: Buffer.concat([...sections, Buffer.from(`--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

describe('multipart article part', () => {
  let service: TicketServiceFixture;
  let queueId: string;
  let agent: Person;
  let customer: Person;

  beforeAll(async () => {
    service = await TicketServiceFixture.start();
    queueId = (await service.createQueue('Uploads')).id;
    agent = await service.createAgent({ [queueId]: 'write' });
    customer = await service.createCustomer();
  });

  afterAll(() => service.close());

  /** Posts a raw body as an article to a new ticket. */
  async function postRaw(contentType: string, body?: string | Buffer) {
    const { ticket } = await service.createTicket(
      { title: 'Scanner', queueId, customerId: customer.id },
      agent.token,
    );
    const response = await fetch(`${service.harness.url}/api/v1/tickets/${ticket.id}/articles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${agent.token}`, 'content-type': contentType },
      body,
    });

    return { status: response.status, body: (await response.json()) as any };
  }

  function post(parts: Part[]) {
    const form = multipart(parts);

    return postRaw(form.contentType, form.body);
  }

  const article = JSON.stringify({ bodyText: 'Treiber neu installiert.' });
  const attachment: Part = {
    name: 'file',
    filename: 'log.txt',
    contentType: 'text/plain',
    body: 'scan failed',
  };

  it.each([
    ['application/json', 'application/json'],
    ['application/json with charset', 'application/json; charset=utf-8'],
    ['text/plain', 'text/plain; charset=utf-8'],
    ['no Content-Type', undefined],
  ])('accepts the article as %s', async (_label, contentType) => {
    const response = await post([{ name: 'article', body: article, contentType }, attachment]);

    expect(response.status).toBe(201);
    expect(response.body.bodyText).toBe('Treiber neu installiert.');
    expect(response.body.attachments.map((file: { filename: string }) => file.filename)).toEqual([
      'log.txt',
    ]);
  });

  it('accepts the article as a JSON file part', async () => {
    const response = await post([
      { name: 'article', filename: 'article.json', contentType: 'application/json', body: article },
    ]);

    expect(response.status).toBe(201);
    expect(response.body.bodyText).toBe('Treiber neu installiert.');
    expect(response.body.attachments).toEqual([]);
  });

  it.each([
    ['a field', undefined],
    ['a file', 'article.xml'],
  ])('rejects another media type in %s with 415', async (_label, filename) => {
    const response = await post([
      { name: 'article', filename, contentType: 'application/xml', body: '<article/>' },
    ]);

    expect(response.status).toBe(415);
    expect(response.body.details[0].field).toBe('article');
    expect(response.body.details[0].reason).toContain('application/xml');
  });

  it('rejects multipart on a JSON-only endpoint', async () => {
    const form = multipart([{ name: 'title', body: 'Scanner' }]);
    const response = await fetch(`${service.harness.url}/api/v1/tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${agent.token}`, 'content-type': form.contentType },
      body: form.body,
    });

    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({
      error: 'unsupported_media_type',
      details: [
        {
          field: 'body',
          reason: 'Content-Type multipart/form-data is not supported here; send application/json',
        },
      ],
    });
  });

  it('rejects multipart without a boundary', async () => {
    const response = await postRaw('multipart/form-data', 'x');

    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([
      {
        field: 'body',
        reason: 'is multipart/form-data without a boundary parameter in its Content-Type',
      },
    ]);
  });

  it('names fields of an empty article', async () => {
    const response = await postRaw('application/json');

    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([
      { field: 'bodyText', reason: 'an article needs text, HTML or an attachment' },
    ]);
  });

  it('rejects invalid JSON declared as application/json', async () => {
    const response = await post([
      { name: 'article', contentType: 'application/json', body: '{"bodyText":' },
    ]);

    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe('article');
  });

  it('rejects invalid JSON in a text field', async () => {
    const response = await post([{ name: 'article', body: 'bodyText=x' }]);

    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe('article');
    expect(response.body.details[0].reason).toMatch(/^not valid JSON/);
  });

  it.each([
    ['a JSON field', 'application/json', undefined],
    ['a text field', undefined, undefined],
    ['a JSON file', 'application/json', 'article.json'],
  ])('rejects invalid UTF-8 in %s', async (_label, contentType, filename) => {
    const body = Buffer.concat([
      Buffer.from('{"bodyText":"'),
      Buffer.from([0xff]),
      Buffer.from('"}'),
    ]);

    const response = await post([{ name: 'article', contentType, filename, body }]);

    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe('article');
    expect(response.body.details[0].reason).toBe(INVALID_UTF8_REASON);
  });

  it('keeps non-ASCII text of a JSON field', async () => {
    const body = JSON.stringify({ bodyText: 'Größe geändert: 50 €' });

    const response = await post([{ name: 'article', contentType: 'application/json', body }]);

    expect(response.status).toBe(201);
    expect(response.body.bodyText).toBe('Größe geändert: 50 €');
  });

  it('rejects an invalid JSON field besides the article', async () => {
    const response = await post([
      { name: 'article', body: article },
      { name: 'extra', contentType: 'application/json', body: '{' },
    ]);

    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe('body');
  });

  it('rejects the article part sent twice', async () => {
    const response = await post([
      { name: 'article', body: article },
      { name: 'article', body: article, contentType: 'application/json' },
    ]);

    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([{ field: 'article', reason: 'sent more than once' }]);
  });

  it('validates the article fields of a JSON part', async () => {
    const response = await post([
      { name: 'article', contentType: 'application/json', body: '{"bodyText":"x","extra":1}' },
    ]);

    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe('article.extra');
  });

  it.each([
    ['an array', 'application/json', '[1,2]'],
    ['an array in a text field', undefined, '[1,2]'],
    ['a number', 'application/json', '42'],
    ['null', undefined, 'null'],
  ])('rejects %s as the article part', async (_label, contentType, body) => {
    const response = await post([{ name: 'article', contentType, body }]);

    expect(response.status).toBe(400);
    expect(response.body.details).toHaveLength(1);
    expect(response.body.details[0].field).toBe('article');
    expect(response.body.details[0].reason).toMatch(/^must be a JSON object, not /);
  });

  async function download(ticketId: string, attachmentId: string) {
    const response = await fetch(
      `${service.harness.url}/api/v1/tickets/${ticketId}/attachments/${attachmentId}`,
      { headers: { authorization: `Bearer ${agent.token}` } },
    );

    return { status: response.status, disposition: response.headers.get('content-disposition') };
  }

  const longStem = 'x'.repeat(300);
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\windows\\win.ini', 'win.ini'],
    ['C:\\Users\\me\\report.pdf', 'report.pdf'],
    ['/etc/shadow', 'shadow'],
    ['bell\u0007\u001bname.txt', 'bellname.txt'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['..', 'attachment'],
    ['NUL.txt', '_NUL.txt'],
    ['a<b>c?.txt', 'a_b_c_.txt'],
    [`${longStem}.log`, `${'x'.repeat(251)}.log`],
    ['Überweisung März 日本.txt', 'Überweisung März 日本.txt'],
  ])('stores the multipart file %j as a safe name', async (filename, stored) => {
    const response = await post([
      { name: 'article', body: article },
      { name: 'file', filename, contentType: 'text/plain', body: 'content' },
    ]);

    expect(response.status).toBe(201);
    expect(response.body.attachments[0].filename).toBe(stored);
  });

  it('stores and serves safe attachment names', async () => {
    const { ticket } = await service.createTicket(
      { title: 'Paths', queueId, customerId: customer.id },
      agent.token,
    );
    const names = ['../../etc/passwd', 'Résumé "final" (1).txt'];
    const created = await service.expectStatus(201, 'POST', `/tickets/${ticket.id}/articles`, {
      token: agent.token,
      body: {
        bodyText: 'Two files',
        attachments: names.map((filename) => ({
          filename,
          contentBase64: Buffer.from('content').toString('base64'),
        })),
      },
    });
    const [passwd, resume] = created.body.attachments;

    const first = await download(ticket.id, passwd.id);
    const second = await download(ticket.id, resume.id);

    expect(passwd.filename).toBe('passwd');
    expect(first.status).toBe(200);
    expect(first.disposition).toBe(`attachment; filename="passwd"; filename*=UTF-8''passwd`);
    expect(resume.filename).toBe('Résumé _final_ (1).txt');
    expect(second.disposition).toBe(
      `attachment; filename="R_sum_ _final_ (1).txt"; filename*=UTF-8''R%C3%A9sum%C3%A9%20_final_%20%281%29.txt`,
    );
  });

  /** HTTP_BODY_LIMIT_BYTES is unset in tests, so the limit is its default of 1 MiB. */
  const overLimit = 'x'.repeat(1_048_576 + 1024);
  const limitReason = 'the limit of 1048576 bytes (HTTP_BODY_LIMIT_BYTES)';

  it.each([
    ['a long title', { title: 'x'.repeat(2_000_000) }],
    ['a long article', { title: 'Long', article: { bodyText: overLimit } }],
  ])('rejects a JSON ticket body with %s with 413', async (_label, fields) => {
    const response = await service.request('POST', '/tickets', {
      token: agent.token,
      body: { queueId, customerId: customer.id, ...fields },
    });

    expect(response.status).toBe(413);
    expect(response.body.error).toBe('payload_too_large');
    expect(response.body.details[0].field).toBe('body');
    expect(response.body.details[0].reason).toContain(limitReason);
  });

  it('accepts a JSON attachment beyond the body limit', async () => {
    const content = Buffer.alloc(1_500_000, 7);

    const { ticket } = await service.createTicket(
      {
        title: 'Large attachment',
        queueId,
        customerId: customer.id,
        article: {
          bodyText: 'Dump attached',
          attachments: [{ filename: 'dump.bin', contentBase64: content.toString('base64') }],
        },
      },
      agent.token,
    );

    expect(ticket.hasAttachments).toBe(true);
  });

  it.each([
    ['a text field', undefined, undefined],
    ['a JSON field', 'application/json', undefined],
    ['a JSON file', 'application/json', 'article.json'],
  ])('rejects an article over the limit in %s with 413', async (_label, contentType, filename) => {
    const body = JSON.stringify({ bodyText: overLimit });

    const response = await post([{ name: 'article', contentType, filename, body }]);

    expect(response.status).toBe(413);
    expect(response.body.details[0].field).toBe('article');
    expect(response.body.details[0].reason).toContain(limitReason);
  });

  it('accepts a multipart file beyond the body limit', async () => {
    const response = await post([
      { name: 'article', body: article },
      { name: 'file', filename: 'big.log', contentType: 'text/plain', body: overLimit },
    ]);

    expect(response.status).toBe(201);
    expect(response.body.attachments[0].sizeBytes).toBe(overLimit.length);
  });
});
