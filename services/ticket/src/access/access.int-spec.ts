import { Person, TicketServiceFixture } from '../../test/support/ticket-service.fixture';

const PDF = Buffer.from('%PDF-1.4\n%%EOF', 'latin1').toString('base64');

type Endpoint =
  | 'get'
  | 'articles'
  | 'attachment'
  | 'sla'
  | 'history'
  | 'links'
  | 'addArticle'
  | 'patch'
  | 'close'
  | 'merge';

const ENDPOINTS: Endpoint[] = [
  'get',
  'articles',
  'attachment',
  'sla',
  'history',
  'links',
  'addArticle',
  'patch',
  'close',
  'merge',
];

/** Expected status per role and endpoint; 404 wherever the caller may not see the ticket. */
const EXPECTED: Record<string, Record<Endpoint, number>> = {
  ownerCustomer: {
    get: 200,
    articles: 200,
    attachment: 200,
    sla: 200,
    history: 403,
    links: 403,
    addArticle: 201,
    patch: 400,
    close: 200,
    merge: 403,
  },
  otherCustomer: {
    get: 404,
    articles: 404,
    attachment: 404,
    sla: 404,
    history: 403,
    links: 403,
    addArticle: 404,
    patch: 404,
    close: 404,
    merge: 403,
  },
  colleagueNoSharing: {
    get: 404,
    articles: 404,
    attachment: 404,
    sla: 404,
    history: 403,
    links: 403,
    addArticle: 404,
    patch: 404,
    close: 404,
    merge: 403,
  },
  writeAgent: {
    get: 200,
    articles: 200,
    attachment: 200,
    sla: 200,
    history: 200,
    links: 200,
    addArticle: 201,
    patch: 200,
    close: 200,
    merge: 200,
  },
  readAgent: {
    get: 200,
    articles: 200,
    attachment: 200,
    sla: 200,
    history: 200,
    links: 200,
    addArticle: 403,
    patch: 403,
    close: 403,
    merge: 403,
  },
  outsideAgent: {
    get: 404,
    articles: 404,
    attachment: 404,
    sla: 404,
    history: 404,
    links: 404,
    addArticle: 404,
    patch: 404,
    close: 404,
    merge: 404,
  },
  admin: {
    get: 200,
    articles: 200,
    attachment: 200,
    sla: 200,
    history: 200,
    links: 200,
    addArticle: 201,
    patch: 200,
    close: 200,
    merge: 200,
  },
  readKey: {
    get: 200,
    articles: 200,
    attachment: 200,
    sla: 200,
    history: 200,
    links: 200,
    addArticle: 403,
    patch: 403,
    close: 403,
    merge: 403,
  },
  writeKey: {
    get: 200,
    articles: 200,
    attachment: 200,
    sla: 200,
    history: 200,
    links: 200,
    addArticle: 201,
    patch: 200,
    close: 200,
    merge: 200,
  },
  peopleKey: {
    get: 403,
    articles: 403,
    attachment: 403,
    sla: 403,
    history: 403,
    links: 403,
    addArticle: 403,
    patch: 403,
    close: 403,
    merge: 403,
  },
};

describe('access to tickets per role and endpoint', () => {
  let service: TicketServiceFixture;
  let queueId: string;
  let erika: Person;
  let alpha: { id: string };
  const callers: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    service = await TicketServiceFixture.start();
    queueId = (await service.createQueue('Access')).id;
    alpha = await service.createOrganisation(false);
    const beta = await service.createOrganisation(false);
    erika = await service.createCustomer(alpha.id);
    const bearer = (person: Person) => ({ authorization: `Bearer ${person.token}` });
    const apiKey = async (scopes: string[]) => {
      const issued = await service.expectStatus(201, 'POST', '/api-keys', {
        token: service.admin.token,
        body: { name: scopes.join(), scopes },
      });

      return { 'x-api-key': issued.body.key };
    };
    Object.assign(callers, {
      ownerCustomer: bearer(erika),
      otherCustomer: bearer(await service.createCustomer(beta.id)),
      colleagueNoSharing: bearer(await service.createCustomer(alpha.id)),
      writeAgent: bearer(await service.createAgent({ [queueId]: 'write' })),
      readAgent: bearer(await service.createAgent({ [queueId]: 'read' })),
      outsideAgent: bearer(await service.createAgent()),
      admin: bearer(service.admin),
      readKey: await apiKey(['tickets:read']),
      writeKey: await apiKey(['tickets:write']),
      peopleKey: await apiKey(['people:read']),
    });
  });

  afterAll(async () => {
    await service.close();
  });

  async function ticketWithAttachment(): Promise<{
    ticket: any;
    attachmentId: string;
    target: any;
  }> {
    const { ticket } = await service.createTicket({
      title: 'Printer 1042',
      queueId,
      customerId: erika.id,
      article: {
        bodyText: 'see scan',
        attachments: [{ filename: 'scan.pdf', contentBase64: PDF }],
      },
    });
    const articles = await service.expectStatus(200, 'GET', `/tickets/${ticket.id}/articles`, {
      token: service.admin.token,
    });
    const { ticket: target } = await service.createTicket({
      title: 'Target',
      queueId,
      customerId: erika.id,
    });

    return { ticket, attachmentId: articles.body[0].attachments[0].id, target };
  }

  async function call(
    endpoint: Endpoint,
    headers: Record<string, string>,
    fixture: { ticket: any; attachmentId: string; target: any },
  ) {
    const id = fixture.ticket.id;
    const withEtag = async () => ({ ...headers, 'if-match': await service.etagOf(id) });
    switch (endpoint) {
      case 'get':
        return service.request('GET', `/tickets/${id}`, { headers });
      case 'articles':
        return service.request('GET', `/tickets/${id}/articles`, { headers });
      case 'attachment':
        return service.request('GET', `/tickets/${id}/attachments/${fixture.attachmentId}`, {
          headers,
        });
      case 'sla':
        return service.request('GET', `/tickets/${id}/sla`, { headers });
      case 'history':
        return service.request('GET', `/tickets/${id}/history`, { headers });
      case 'links':
        return service.request('GET', `/tickets/${id}/links`, { headers });
      case 'addArticle':
        return service.request('POST', `/tickets/${id}/articles`, {
          headers,
          body: { bodyText: 'more' },
        });
      case 'patch':
        return service.request('PATCH', `/tickets/${id}`, {
          headers: await withEtag(),
          body: { title: 'Renamed' },
        });
      case 'close':
        return service.request('POST', `/tickets/${id}/state`, {
          headers: await withEtag(),
          body: { state: 'closed' },
        });
      case 'merge':
        return service.request('POST', `/tickets/${id}/merge`, {
          headers: await withEtag(),
          body: { targetTicketId: fixture.target.id },
        });
    }
  }

  it.each(Object.keys(EXPECTED))('answers %s as the table says on every endpoint', async (role) => {
    const fixture = await ticketWithAttachment();
    const actual: Record<string, number> = {};
    for (const endpoint of ENDPOINTS) {
      const response = await call(endpoint, callers[role], fixture);
      actual[endpoint] = response.status;
      if (response.status === 404) expect(JSON.stringify(response.body)).not.toContain('Printer');
    }

    expect(actual).toEqual(EXPECTED[role]);
  });

  it('hides another customer’s ticket from lists, search and state changes (own tickets case)', async () => {
    const { ticket } = await service.createTicket({
      title: 'Erika printer',
      queueId,
      customerId: erika.id,
    });
    const mallory = callers.otherCustomer;

    const list = await service.request('GET', '/tickets', { headers: mallory });
    const search = await service.request('GET', `/tickets?q=${ticket.number}`, {
      headers: mallory,
    });
    const close = await service.request('POST', `/tickets/${ticket.number}/state`, {
      headers: { ...mallory, 'if-match': await service.etagOf(ticket.id) },
      body: { state: 'closed' },
    });

    expect(list.body.items.map((item: any) => item.id)).not.toContain(ticket.id);
    expect(search.body.items).toEqual([]);
    expect(close.status).toBe(404);
    expect(
      (
        await service.expectStatus(200, 'GET', `/tickets/${ticket.id}`, {
          token: service.admin.token,
        })
      ).body.state,
    ).toBe('new');
  });

  it('takes access away from the former customer when the customer changes', async () => {
    const { ticket, etag } = await service.createTicket({
      title: 'Moves to Cem',
      queueId,
      customerId: erika.id,
    });
    const cem = await service.createCustomer();
    expect(
      (await service.request('GET', `/tickets/${ticket.id}`, { headers: callers.ownerCustomer }))
        .status,
    ).toBe(200);

    await service.expectStatus(200, 'PATCH', `/tickets/${ticket.id}`, {
      token: service.admin.token,
      body: { customerId: cem.id },
      headers: { 'if-match': etag },
    });

    expect(
      (await service.request('GET', `/tickets/${ticket.id}`, { headers: callers.ownerCustomer }))
        .status,
    ).toBe(404);
    expect(
      (await service.request('GET', `/tickets/${ticket.id}`, { token: cem.token })).status,
    ).toBe(200);
  });

  it('shares tickets within an organisation only while its switch is on', async () => {
    const { ticket } = await service.createTicket({
      title: 'Shared',
      queueId,
      customerId: erika.id,
    });
    const ina = callers.colleagueNoSharing;
    expect((await service.request('GET', `/tickets/${ticket.id}`, { headers: ina })).status).toBe(
      404,
    );

    await service.expectStatus(200, 'PATCH', `/organisations/${alpha.id}`, {
      token: service.admin.token,
      body: { shareTickets: true },
    });

    expect((await service.request('GET', `/tickets/${ticket.id}`, { headers: ina })).status).toBe(
      200,
    );
    expect(
      (await service.request('GET', `/tickets/${ticket.id}`, { headers: callers.otherCustomer }))
        .status,
    ).toBe(404);
    await service.expectStatus(200, 'PATCH', `/organisations/${alpha.id}`, {
      token: service.admin.token,
      body: { shareTickets: false },
    });
  });

  it('lets customers create tickets only for themselves', async () => {
    const created = await service.expectStatus(201, 'POST', '/tickets', {
      headers: callers.ownerCustomer,
      body: { title: 'From the portal', article: { bodyText: 'Hallo' } },
    });
    const forSomeoneElse = await service.request('POST', '/tickets', {
      headers: callers.ownerCustomer,
      body: { title: 'x', customerId: '00000000-0000-4000-8000-000000000000', priority: 'P1' },
    });

    expect(created.body.customer.id).toBe(erika.id);
    expect(created.body.channel).toBe('portal');
    expect(forSomeoneElse.status).toBe(400);
    expect(forSomeoneElse.body.details.map((detail: { field: string }) => detail.field)).toEqual([
      'customerId',
      'priority',
    ]);
  });
});
