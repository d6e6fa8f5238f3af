import { Kafka } from 'kafkajs';
import { fromKafkaRecord, KnowledgeEvents, prefixedTopic, Topics } from '@deskflow/contracts';
import { waitFor } from '@deskflow/testing';
import { KnowledgeKit, startKnowledgeKit } from '../../test/knowledge-test-kit';

describe('article workflow', () => {
  let kit: KnowledgeKit;

  beforeAll(async () => {
    kit = await startKnowledgeKit();
  });

  afterAll(async () => {
    await kit.harness.close();
  });

  it('moves draft to review to published to archived', async () => {
    const draft = await kit.createArticle({
      title: 'Drucker einrichten',
      bodyMarkdown: '# Schritte\n\n1. Treiber laden',
    });
    expect(draft.status).toBe('draft');
    expect(draft.publishedVersion).toBeNull();
    expect(draft.bodyHtml).toContain('<h1>Schritte</h1>');

    const published = await kit.publish(draft.id);
    expect(published.status).toBe('published');
    expect(published.publishedVersion).toBe(1);

    const archived = await kit.harness.request('POST', `/api/v1/articles/${draft.id}/transitions`, {
      token: kit.tokens.agent,
      body: { status: 'archived' },
    });
    expect(archived.status).toBe(200);
    expect(archived.body.status).toBe('archived');
    expect(archived.body.archivedAt).not.toBeNull();
  });

  it('rejects an illegal transition naming the allowed ones', async () => {
    const draft = await kit.createArticle({ title: 'Direkt veröffentlichen' });

    const response = await kit.harness.request('POST', `/api/v1/articles/${draft.id}/transitions`, {
      token: kit.tokens.agent,
      body: { status: 'published' },
    });

    expect(response.status).toBe(409);
    expect(response.body.error).toBe('illegal_transition');
    expect(response.body.message).toContain('allowed from draft: review');
  });

  it('rejects an unknown status naming the field', async () => {
    const draft = await kit.createArticle({ title: 'Unbekannter Status' });

    const response = await kit.harness.request('POST', `/api/v1/articles/${draft.id}/transitions`, {
      token: kit.tokens.agent,
      body: { status: 'deleted' },
    });

    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe('status');
  });

  it('keeps every published version and restores one', async () => {
    const article = await kit.createPublished({
      title: 'VPN einrichten',
      bodyMarkdown: 'Version eins',
    });
    const edited = await kit.harness.request('PATCH', `/api/v1/articles/${article.id}`, {
      token: kit.tokens.agent,
      headers: { 'if-match': article.etag },
      body: { bodyMarkdown: 'Version zwei', title: 'VPN einrichten (neu)' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.publishedVersion).toBe(2);

    const versions = await kit.harness.request('GET', `/api/v1/articles/${article.id}/versions`, {
      token: kit.tokens.agent,
    });
    expect(versions.body.items.map((v: any) => v.version)).toEqual([2, 1]);
    expect(versions.body.items[1].bodyMarkdown).toBe('Version eins');

    const restored = await kit.harness.request(
      'POST',
      `/api/v1/articles/${article.id}/versions/1/restore`,
      {
        token: kit.tokens.agent,
        headers: { 'if-match': edited.body.etag },
      },
    );
    expect(restored.status).toBe(200);
    expect(restored.body.title).toBe('VPN einrichten');
    expect(restored.body.bodyMarkdown).toBe('Version eins');
    expect(restored.body.publishedVersion).toBe(3);
  });

  it('answers a missing version with 404', async () => {
    const article = await kit.createPublished({ title: 'Nur eine Version' });

    const response = await kit.harness.request(
      'POST',
      `/api/v1/articles/${article.id}/versions/7/restore`,
      {
        token: kit.tokens.agent,
      },
    );

    expect(response.status).toBe(404);
  });

  it('rejects edits of an archived article', async () => {
    const article = await kit.createPublished({ title: 'Altes Verfahren' });
    const archived = await kit.harness.request(
      'POST',
      `/api/v1/articles/${article.id}/transitions`,
      {
        token: kit.tokens.agent,
        body: { status: 'archived' },
      },
    );

    const response = await kit.harness.request('PATCH', `/api/v1/articles/${article.id}`, {
      token: kit.tokens.agent,
      headers: { 'if-match': archived.body.etag },
      body: { title: 'Neues Verfahren' },
    });

    expect(response.status).toBe(409);
    expect(response.body.error).toBe('article_not_editable');
  });

  it('rejects a stale If-Match with 412 and keeps the newer write', async () => {
    const article = await kit.createArticle({ title: 'Gleichzeitig bearbeitet' });
    const first = await kit.harness.request('PATCH', `/api/v1/articles/${article.id}`, {
      token: kit.tokens.agent,
      headers: { 'if-match': article.etag },
      body: { summary: 'Erste Änderung' },
    });
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe(first.body.etag);
    expect(first.body.etag).not.toBe(article.etag);

    const stale = await kit.harness.request('PATCH', `/api/v1/articles/${article.id}`, {
      token: kit.tokens.agent,
      headers: { 'if-match': article.etag },
      body: { summary: 'Veraltete Änderung' },
    });
    expect(stale.status).toBe(412);

    const current = await kit.harness.request('GET', `/api/v1/articles/${article.id}`, {
      token: kit.tokens.agent,
    });
    expect(current.body.summary).toBe('Erste Änderung');
    const retried = await kit.harness.request('PATCH', `/api/v1/articles/${article.id}`, {
      token: kit.tokens.agent,
      headers: { 'if-match': current.headers.get('etag')! },
      body: { summary: 'Zweite Änderung' },
    });
    expect(retried.status).toBe(200);
    expect(retried.body.summary).toBe('Zweite Änderung');
  });

  it('requires If-Match on updates', async () => {
    const article = await kit.createArticle({ title: 'Ohne ETag' });

    const response = await kit.harness.request('PATCH', `/api/v1/articles/${article.id}`, {
      token: kit.tokens.agent,
      body: { title: 'Ohne ETag geändert' },
    });

    expect(response.status).toBe(428);
    expect(response.body.details[0].field).toBe('If-Match');
  });

  it('reads If-Match as RFC 9110 defines it', async () => {
    const article = await kit.createArticle({ title: 'Bedingungen' });
    const patch = (ifMatch: string, summary: string) =>
      kit.harness.request('PATCH', `/api/v1/articles/${article.id}`, {
        token: kit.tokens.agent,
        headers: { 'if-match': ifMatch },
        body: { summary },
      });

    const weak = await patch(`W/${article.etag}`, 'Schwach');
    const malformed = await patch('1', 'Ohne Anführungszeichen');
    const any = await patch('*', 'Beliebig');
    const listed = await patch(`"1", ${any.body.etag}`, 'Aus der Liste');

    expect(weak.status).toBe(412);
    expect(malformed.status).toBe(400);
    expect(malformed.body.details[0].field).toBe('If-Match');
    expect(any.status).toBe(200);
    expect(listed.status).toBe(200);
    expect(listed.body.summary).toBe('Aus der Liste');
  });

  it('rejects a malformed optional If-Match on a transition', async () => {
    const article = await kit.createArticle({ title: 'Übergang' });

    const response = await kit.harness.request(
      'POST',
      `/api/v1/articles/${article.id}/transitions`,
      { token: kit.tokens.agent, headers: { 'if-match': 'W/' }, body: { status: 'published' } },
    );

    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe('If-Match');
  });

  it('lets one of two concurrent writes with the same ETag win', async () => {
    const article = await kit.createArticle({ title: 'Wettlauf' });
    const write = (summary: string) =>
      kit.harness.request('PATCH', `/api/v1/articles/${article.id}`, {
        token: kit.tokens.agent,
        headers: { 'if-match': article.etag },
        body: { summary },
      });

    const statuses = (await Promise.all([write('A'), write('B')]))
      .map((response) => response.status)
      .sort();

    expect(statuses).toEqual([200, 412]);
  });

  it('links translations and rejects a second one in the same locale', async () => {
    const german = await kit.createArticle({ title: 'Passwort ändern', locale: 'de' });
    const english = await kit.createArticle({
      title: 'Change your password',
      locale: 'en',
      translationOf: german.id,
    });

    const read = await kit.harness.request('GET', `/api/v1/articles/${german.id}`, {
      token: kit.tokens.agent,
    });
    expect(read.body.translations).toEqual([
      { id: english.id, locale: 'en', title: 'Change your password' },
    ]);

    const duplicate = await kit.harness.request('POST', '/api/v1/articles', {
      token: kit.tokens.agent,
      body: {
        title: 'Passwort wechseln',
        locale: 'de',
        visibility: 'public',
        bodyMarkdown: '',
        translationOf: english.id,
      },
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toBe('translation_exists');
  });

  it('renders Markdown to sanitised HTML', async () => {
    const article = await kit.createArticle({
      title: 'Unsicheres HTML',
      bodyMarkdown:
        '<script>alert(1)</script>\n\n[Link](javascript:alert(1)) [Hilfe](https://example.org) **fett**',
    });

    expect(article.bodyHtml).not.toContain('<script>');
    expect(article.bodyHtml).not.toMatch(/href="javascript/i);
    expect(article.bodyHtml).toContain(
      '<a href="https://example.org" rel="noopener noreferrer nofollow">Hilfe</a>',
    );
    expect(article.bodyHtml).toContain('<strong>fett</strong>');
  });

  it('names each invalid field on create', async () => {
    const response = await kit.harness.request('POST', '/api/v1/articles', {
      token: kit.tokens.agent,
      body: { title: '   ', locale: 'german', visibility: 'secret', bodyMarkdown: 'x', extra: 1 },
    });

    expect(response.status).toBe(400);
    const fields = response.body.details.map((detail: any) => detail.field);
    expect(fields).toEqual(expect.arrayContaining(['title', 'locale', 'visibility', 'extra']));
  });

  it('publishes published, updated and archived events', async () => {
    const kafka = new Kafka({
      brokers: kit.harness.kafka.brokers.split(','),
      clientId: 'knowledge-workflow-test',
    });
    const consumer = kafka.consumer({ groupId: `knowledge-test-${Date.now()}` });
    const received: Array<{ type: string; subject: string; data: any }> = [];
    await consumer.connect();
    await consumer.subscribe({ topic: prefixedTopic(Topics.knowledge), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const envelope = fromKafkaRecord(message as Parameters<typeof fromKafkaRecord>[0]);
        received.push({ type: envelope.type, subject: envelope.subject, data: envelope.data });
      },
    });
    try {
      const article = await kit.createPublished({
        title: 'Ereignisse prüfen',
        keywords: ['kafka'],
      });
      const updated = await kit.harness.request('PATCH', `/api/v1/articles/${article.id}`, {
        token: kit.tokens.agent,
        headers: { 'if-match': article.etag },
        body: { summary: 'neu' },
      });
      await kit.harness.request('POST', `/api/v1/articles/${article.id}/transitions`, {
        token: kit.tokens.agent,
        headers: { 'if-match': updated.body.etag },
        body: { status: 'archived' },
      });

      const events = await waitFor(
        () => {
          const mine = received.filter((event) => event.subject === article.id);
          return mine.length >= 3 ? mine : undefined;
        },
        { timeoutMs: 20000, what: 'three knowledge events' },
      );
      expect(events.map((event) => event.type)).toEqual([
        KnowledgeEvents.published.type,
        KnowledgeEvents.updated.type,
        KnowledgeEvents.archived.type,
      ]);
      expect(events[0].data.version).toBe(1);
      expect(events[1].data.version).toBe(2);
      expect(events[0].data.keywords).toEqual(['kafka']);
      expect(events[2].data.articleId).toBe(article.id);
    } finally {
      await consumer.disconnect();
    }
  });
});
