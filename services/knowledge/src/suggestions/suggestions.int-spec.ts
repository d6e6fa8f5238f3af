import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { fromKafkaRecord, KnowledgeEvents, prefixedTopic, Topics } from '@deskflow/contracts';
import { waitFor } from '@deskflow/testing';
import { KnowledgeKit, startKnowledgeKit } from '../../test/knowledge-test-kit';

describe('suggestions and solution links', () => {
  let kit: KnowledgeKit;
  let vpn: any;
  let printer: any;
  let internalVpn: any;

  beforeAll(async () => {
    kit = await startKnowledgeKit();
    vpn = await kit.createPublished({
      title: 'VPN-Verbindung bricht ab (Fehler 809)',
      bodyMarkdown: 'Fehler 809 entsteht, wenn die Firewall den VPN-Tunnel blockiert.',
    });
    printer = await kit.createPublished({
      title: 'Drucker druckt nicht',
      bodyMarkdown: 'Papier und Treiber prüfen.',
    });
    internalVpn = await kit.createPublished({
      title: 'VPN-Gateway neu starten',
      visibility: 'internal',
      bodyMarkdown: 'Nur für Administratoren: Gateway bei Fehler 809 neu starten.',
    });
  });

  afterAll(async () => {
    await kit.harness.close();
  });

  const suggest = (body: Record<string, unknown>, token?: string) =>
    kit.harness.request('POST', '/api/v1/suggestions', { token, body });

  it('suggests articles for a ticket subject and body', async () => {
    const response = await suggest({
      subject: 'VPN geht nicht mehr',
      body: 'Seit heute Morgen bekomme ich beim Verbinden den Fehler 809. Der Drucker geht.',
      locale: 'de',
    });

    expect(response.status).toBe(200);
    expect(response.body.items[0].id).toBe(vpn.id);
    expect(response.body.items.map((item: any) => item.id)).toContain(printer.id);
  });

  it('suggests articles despite a typo', async () => {
    const street = await kit.createPublished({ title: 'Straße und Hausnummer ändern' });

    const response = await suggest({ subject: 'Druker streikt', locale: 'de' });

    expect(response.status).toBe(200);
    expect(response.body.items.map((item: any) => item.id)).toEqual([printer.id]);
    expect(response.body.items.map((item: any) => item.id)).not.toContain(street.id);
  });

  it('reads subject words after angle brackets', async () => {
    const response = await suggest({ subject: '<script> Drucker', locale: 'de' });

    expect(response.body.items.map((item: any) => item.id)).toContain(printer.id);
  });

  it('keeps known subject words', async () => {
    const response = await suggest({ subject: 'Treiber', locale: 'de' });

    expect(response.body.items.map((item: any) => item.id)).toEqual([printer.id]);
  });

  it('keeps internal articles for staff', async () => {
    const ticket = { subject: 'Fehler 809 beim VPN', locale: 'de' };

    const portal = await suggest(ticket);
    const agent = await suggest(ticket, kit.tokens.agent);

    expect(portal.body.items.map((item: any) => item.id)).not.toContain(internalVpn.id);
    expect(agent.body.items.map((item: any) => item.id)).toContain(internalVpn.id);
  });

  it('accepts syntax characters and very long bodies', async () => {
    const response = await suggest({
      subject: "C++ & 'VPN' :* (809) !",
      body: 'Fehler '.repeat(20_000),
    });

    expect(response.status).toBe(200);
    expect(response.body.items.map((item: any) => item.id)).toContain(vpn.id);
  });

  it('names an empty subject', async () => {
    const response = await suggest({ subject: '   ' });

    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe('subject');
  });

  it('links an article as a ticket solution once and emits one event', async () => {
    const kafka = new Kafka({
      brokers: kit.harness.kafka.brokers.split(','),
      clientId: 'knowledge-suggestions-test',
    });
    const consumer = kafka.consumer({ groupId: `knowledge-test-${randomUUID()}` });
    const received: any[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: prefixedTopic(Topics.knowledge), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        received.push(fromKafkaRecord(message as Parameters<typeof fromKafkaRecord>[0]));
      },
    });
    try {
      const ticketId = randomUUID();
      const link = () =>
        kit.harness.request('POST', `/api/v1/articles/${printer.id}/solutions`, {
          token: kit.tokens.agent,
          body: { ticketId },
        });

      const first = await link();
      const second = await link();

      expect(first.status).toBe(201);
      expect(first.body.solutionLinkCount).toBe(1);
      expect(second.status).toBe(200);
      expect(second.body.solutionLinkCount).toBe(1);
      const events = await waitFor(
        () => {
          const linked = received.filter(
            (event) => event.type === KnowledgeEvents.solutionLinked.type,
          );
          return linked.length > 0 ? linked : undefined;
        },
        { timeoutMs: 20000, what: 'solution_linked event' },
      );
      expect(events).toHaveLength(1);
      expect(events[0].data).toEqual({
        articleId: printer.id,
        ticketId,
        linkedAt: first.body.linkedAt,
      });
      const article = await kit.harness.request('GET', `/api/v1/articles/${printer.id}`, {
        token: kit.tokens.agent,
      });
      expect(article.body.solutionLinkCount).toBe(1);
    } finally {
      await consumer.disconnect();
    }
  });

  it('lets only staff link solutions', async () => {
    const response = await kit.harness.request('POST', `/api/v1/articles/${printer.id}/solutions`, {
      token: kit.tokens.customer,
      body: { ticketId: randomUUID() },
    });

    expect(response.status).toBe(403);
  });

  it('names a ticket id that is not a UUID', async () => {
    const response = await kit.harness.request('POST', `/api/v1/articles/${printer.id}/solutions`, {
      token: kit.tokens.agent,
      body: { ticketId: '1042' },
    });

    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe('ticketId');
  });

  it('unlinks a solution and lowers the count', async () => {
    const ticketId = randomUUID();
    await kit.harness.request('POST', `/api/v1/articles/${vpn.id}/solutions`, {
      token: kit.tokens.agent,
      body: { ticketId },
    });

    const removed = await kit.harness.request(
      'DELETE',
      `/api/v1/articles/${vpn.id}/solutions/${ticketId}`,
      {
        token: kit.tokens.agent,
      },
    );
    const again = await kit.harness.request(
      'DELETE',
      `/api/v1/articles/${vpn.id}/solutions/${ticketId}`,
      {
        token: kit.tokens.agent,
      },
    );

    expect(removed.status).toBe(204);
    expect(again.status).toBe(404);
    const article = await kit.harness.request('GET', `/api/v1/articles/${vpn.id}`, {
      token: kit.tokens.agent,
    });
    expect(article.body.solutionLinkCount).toBe(0);
  });
});
