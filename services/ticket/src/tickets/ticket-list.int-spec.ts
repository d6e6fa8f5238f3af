import { randomUUID } from 'node:crypto';
import { SlaEvents } from '@deskflow/contracts';
import { waitFor } from '@deskflow/testing';
import { SlaEventProducer } from '../../test/support/sla-event-producer';
import { Person, TicketServiceFixture } from '../../test/support/ticket-service.fixture';

describe('ticket lists, search, counts and SLA projection', () => {
  let service: TicketServiceFixture;
  const sla = new SlaEventProducer();
  let queueId: string;
  let agent: Person;
  let customer: Person;

  beforeAll(async () => {
    service = await TicketServiceFixture.start();
    await sla.start();
    queueId = (await service.createQueue('Lists')).id;
    agent = await service.createAgent({ [queueId]: 'write' });
    customer = await service.createCustomer();
  });

  afterAll(async () => {
    await sla.stop();
    await service.close();
  });

  async function page(query: string, token = agent.token): Promise<any> {
    return (await service.expectStatus(200, 'GET', `/tickets?${query}`, { token })).body;
  }

  it('pages tied sort keys each ticket once', async () => {
    const tag = `tie-${randomUUID().slice(0, 6)}`;
    const created = await Promise.all(
      Array.from({ length: 7 }, (_, index) =>
        service.createTicket(
          { title: `T${index + 1}`, queueId, customerId: customer.id, priority: 'P2', tags: [tag] },
          agent.token,
        ),
      ),
    );
    const ids = created.map(({ ticket }) => ticket.id);

    const first = await page(`sort=priority&limit=3&tag=${tag}`);
    await service.createTicket(
      { title: 'T8', queueId, customerId: customer.id, priority: 'P2', tags: [tag] },
      agent.token,
    );
    const second = await page(`sort=priority&limit=3&tag=${tag}&cursor=${first.nextCursor}`);
    const secondAgain = await page(`sort=priority&limit=3&tag=${tag}&cursor=${first.nextCursor}`);
    const third = await page(`sort=priority&limit=3&tag=${tag}&cursor=${second.nextCursor}`);

    const walked = [...first.items, ...second.items, ...third.items].map((item: any) => item.id);
    expect(first.items).toHaveLength(3);
    expect(second.items).toHaveLength(3);
    expect([1, 2]).toContain(third.items.length);
    expect(new Set(walked).size).toBe(walked.length);
    for (const id of ids) expect(walked.filter((walkedId) => walkedId === id)).toHaveLength(1);
    expect(secondAgain.items.map((item: any) => item.id)).toEqual(
      second.items.map((item: any) => item.id),
    );
    expect([...walked].sort()).toEqual(walked.slice().sort());
  });

  it('sorts by priority P1 first and by creation in both directions', async () => {
    const tag = `sort-${randomUUID().slice(0, 6)}`;
    for (const priority of ['P3', 'P1', 'P4', 'P2']) {
      await service.createTicket(
        { title: priority, queueId, customerId: customer.id, priority, tags: [tag] },
        agent.token,
      );
    }

    const byPriority = await page(`sort=priority&tag=${tag}`);
    const newestFirst = await page(`sort=-created&tag=${tag}`);

    expect(byPriority.items.map((item: any) => item.priority)).toEqual(['P1', 'P2', 'P3', 'P4']);
    expect(newestFirst.items.map((item: any) => item.title)).toEqual(['P2', 'P4', 'P1', 'P3']);
    expect(byPriority.nextCursor).toBeNull();
  });

  it('filters by state type, priority, owner, customer, tag and creation range', async () => {
    const tag = `filter-${randomUUID().slice(0, 6)}`;
    const other = await service.createCustomer();
    const { ticket: open } = await service.createTicket(
      {
        title: 'open one',
        queueId,
        customerId: other.id,
        state: 'open',
        priority: 'P1',
        ownerId: agent.id,
        tags: [tag],
      },
      agent.token,
    );
    await service.createTicket(
      { title: 'new one', queueId, customerId: customer.id, tags: [tag] },
      agent.token,
    );

    expect((await page(`tag=${tag}&stateType=open`)).items.map((item: any) => item.id)).toEqual([
      open.id,
    ]);
    expect((await page(`tag=${tag}&priority=P1,P2`)).items.map((item: any) => item.id)).toEqual([
      open.id,
    ]);
    expect(
      (await page(`tag=${tag}&ownerId=${agent.id}`)).items.map((item: any) => item.id),
    ).toEqual([open.id]);
    expect((await page(`tag=${tag}&ownerId=none`)).items).toHaveLength(1);
    expect(
      (await page(`tag=${tag}&customerId=${other.id}`)).items.map((item: any) => item.id),
    ).toEqual([open.id]);
    expect(
      (await page(`tag=${tag}&createdFrom=2000-01-01T00:00:00Z&createdTo=2000-01-02T00:00:00Z`))
        .items,
    ).toEqual([]);
  });

  it('searches titles and articles in German and English, and ticket numbers', async () => {
    const { ticket: printer } = await service.createTicket(
      {
        title: 'Drucker druckt nicht',
        queueId,
        customerId: customer.id,
        article: { bodyText: 'Die Verbindungen brechen ständig ab' },
      },
      agent.token,
    );
    const { ticket: mail } = await service.createTicket(
      {
        title: 'Mailbox full',
        queueId,
        customerId: customer.id,
        article: { bodyText: 'Outlook keeps crashing when sending' },
      },
      agent.token,
    );
    await service.expectStatus(201, 'POST', `/tickets/${mail.id}/articles`, {
      token: agent.token,
      body: { bodyText: 'Geheimwort only internal', visibility: 'internal' },
    });

    const germanArticle = await page(`q=${encodeURIComponent('Verbindung ständig')}`);
    const germanTitle = await page('q=Druckers');
    const english = await page(`q=crashes`);
    const byNumber = await page(`q=${printer.number}`);
    const symbols = await page(`q=${encodeURIComponent('C++ (809) ! :* "')}`);
    const internalForAgent = await page('q=Geheimwort');
    const internalForCustomer = await page('q=Geheimwort', customer.token);

    expect(germanArticle.items.map((item: any) => item.id)).toEqual([printer.id]);
    expect(germanTitle.items.map((item: any) => item.id)).toEqual([printer.id]);
    expect(english.items.map((item: any) => item.id)).toEqual([mail.id]);
    expect(byNumber.items.map((item: any) => item.id)).toEqual([printer.id]);
    expect(symbols.items).toEqual([]);
    expect(internalForAgent.items.map((item: any) => item.id)).toEqual([mail.id]);
    expect(internalForCustomer.items).toEqual([]);
  });

  it('matches words spread over title and articles', async () => {
    const { ticket: german } = await service.createTicket(
      {
        title: 'Bildschirm flackert',
        queueId,
        customerId: customer.id,
        article: { bodyText: 'Seit dem Umzug in Gebäude C' },
      },
      agent.token,
    );
    await service.expectStatus(201, 'POST', `/tickets/${german.id}/articles`, {
      token: agent.token,
      body: { bodyText: 'Kabel getauscht, Grafikkarte prüfen', visibility: 'internal' },
    });
    const { ticket: english } = await service.createTicket(
      {
        title: 'Laptop battery',
        queueId,
        customerId: customer.id,
        article: { bodyText: 'It swells since the update' },
      },
      agent.token,
    );

    const acrossGerman = await page(`q=${encodeURIComponent('flackert Umzüge')}`);
    const acrossEnglish = await page(`q=${encodeURIComponent('battery swelling')}`);
    const acrossInternal = await page(`q=${encodeURIComponent('Bildschirm Grafikkarte')}`);
    const acrossInternalForCustomer = await page(
      `q=${encodeURIComponent('Bildschirm Grafikkarte')}`,
      customer.token,
    );
    const oneWordMissing = await page(`q=${encodeURIComponent('battery Grafikkarte')}`);

    expect(acrossGerman.items.map((item: any) => item.id)).toEqual([german.id]);
    expect(acrossEnglish.items.map((item: any) => item.id)).toEqual([english.id]);
    expect(acrossInternal.items.map((item: any) => item.id)).toEqual([german.id]);
    expect(acrossInternalForCustomer.items).toEqual([]);
    expect(oneWordMissing.items).toEqual([]);
  });

  it('rejects bad list parameters with 400 naming them', async () => {
    for (const [query, field] of [
      ['sort=colour', 'sort'],
      ['limit=1000', 'limit'],
      ['stateType=done', 'stateType.0'],
      ['q=%20%20', 'q'],
      [`q=${'x'.repeat(501)}`, 'q'],
      ['cursor=garbage', 'cursor'],
      ['unknown=1', 'unknown'],
    ]) {
      const response = await service.request('GET', `/tickets?${query}`, { token: agent.token });

      expect(response.status).toBe(400);
      expect(response.body.details.map((detail: { field: string }) => detail.field)).toContain(
        field,
      );
    }
  });

  it('counts tickets per queue and state for the caller', async () => {
    const countQueue = await service.createQueue('Counts');
    const counter = await service.createAgent({ [countQueue.id]: 'read' });
    await service.createTicket({ title: 'c1', queueId: countQueue.id, customerId: customer.id });
    await service.createTicket({
      title: 'c2',
      queueId: countQueue.id,
      customerId: customer.id,
      state: 'open',
    });
    await service.createTicket({
      title: 'c3',
      queueId: countQueue.id,
      customerId: customer.id,
      state: 'open',
    });

    const counts = await service.expectStatus(200, 'GET', '/tickets/counts', {
      token: counter.token,
    });

    expect(counts.body).toEqual([
      { queueId: countQueue.id, queueName: 'Counts', state: 'new', stateType: 'new', count: 1 },
      { queueId: countQueue.id, queueName: 'Counts', state: 'open', stateType: 'open', count: 2 },
    ]);
  });

  it('projects SLA events: escalated filter, nearest due sort and the clocks endpoint', async () => {
    const tag = `sla-${randomUUID().slice(0, 6)}`;
    const { ticket: late } = await service.createTicket(
      { title: 'late', queueId, customerId: customer.id, tags: [tag] },
      agent.token,
    );
    const { ticket: soon } = await service.createTicket(
      { title: 'soon', queueId, customerId: customer.id, tags: [tag] },
      agent.token,
    );
    await service.createTicket(
      { title: 'none', queueId, customerId: customer.id, tags: [tag] },
      agent.token,
    );
    const clock = (kind: 'first_response' | 'resolution', dueAt: string) => ({
      kind,
      status: 'running' as const,
      dueAt,
      targetSeconds: 3600,
    });
    await sla.send(SlaEvents.applied, late.id, {
      ticketId: late.id,
      ticketNumber: late.number,
      policyName: 'Gold',
      clocks: [
        clock('first_response', '2026-11-16T10:00:00.000Z'),
        clock('resolution', '2026-11-18T10:00:00.000Z'),
      ],
    });
    await sla.send(SlaEvents.applied, soon.id, {
      ticketId: soon.id,
      ticketNumber: soon.number,
      clocks: [clock('first_response', '2026-11-16T09:30:00.000Z')],
    });
    await sla.send(SlaEvents.breached, late.id, {
      ticketId: late.id,
      clockId: randomUUID(),
      kind: 'first_response',
      dueAt: '2026-11-16T10:00:00.000Z',
      scheduledAt: '2026-11-16T10:00:00.000Z',
      firedAt: '2026-11-16T10:00:01.000Z',
      ticket: {
        ...late,
        queueId: late.queue.id,
        queueName: late.queue.name,
        customer: { id: late.customer.id },
        owner: null,
        organisationId: null,
      },
    });

    const escalated = await waitFor(
      async () => {
        const body = await page(`tag=${tag}&escalated=true`);
        return body.items.length === 1 ? body : undefined;
      },
      { what: 'escalated ticket in the list' },
    );
    const bySla = await page(`tag=${tag}&sort=slaDue`);
    const clocks = await service.expectStatus(200, 'GET', `/tickets/${late.id}/sla`, {
      token: customer.token,
    });

    expect(escalated.items[0].id).toBe(late.id);
    expect(escalated.items[0].escalated).toBe(true);
    expect(bySla.items.map((item: any) => item.title)).toEqual(['soon', 'late', 'none']);
    expect(clocks.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'first_response',
          status: 'breached',
          breached: true,
          policyName: 'Gold',
        }),
      ]),
    );

    await sla.send(SlaEvents.applied, late.id, {
      ticketId: late.id,
      ticketNumber: late.number,
      clocks: [],
    });
    await waitFor(async () => (await page(`tag=${tag}&escalated=true`)).items.length === 0, {
      what: 'escalation cleared',
    });
  });
});
