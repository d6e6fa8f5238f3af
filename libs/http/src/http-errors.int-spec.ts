import { Topics } from '@deskflow/contracts';
import { ServiceHarness, startServiceHarness } from '@deskflow/testing';
import { PROBE_SCHEMA, ProbeModule } from './test-support/probe.module';

describe('HTTP error shape', () => {
  let service: ServiceHarness;

  beforeAll(async () => {
    service = await startServiceHarness({
      name: 'probe',
      module: ProbeModule,
      consumer: { groupId: 'probe', topics: [Topics.ticket], schema: PROBE_SCHEMA },
      bodyLimitBytes: 2048,
    });
  });

  afterAll(async () => {
    await service?.close();
  });

  const cases: { name: string; raw?: string; body?: unknown; status: number; field: string }[] = [
    { name: 'malformed JSON', raw: '{"title": ', status: 400, field: 'body' },
    { name: 'unknown field', body: { title: 'a', colour: 'red' }, status: 400, field: 'colour' },
    { name: 'wrong type', body: { title: 42 }, status: 400, field: 'title' },
    { name: 'missing field', body: {}, status: 400, field: 'title' },
    { name: 'out of range', body: { title: 'a', copies: 11 }, status: 400, field: 'copies' },
    { name: 'not in enum', body: { title: 'a', urgency: 'urgent' }, status: 400, field: 'urgency' },
    { name: 'too long string', body: { title: 'x'.repeat(51) }, status: 400, field: 'title' },
    { name: 'oversized body', body: { title: 'x'.repeat(4000) }, status: 413, field: 'body' },
    { name: 'NUL character', body: { title: 'a\u0000b' }, status: 400, field: 'title' },
    { name: 'lone surrogate', body: { title: 'a\ud800b' }, status: 400, field: 'title' },
    {
      name: 'NUL character in an array element',
      body: { title: 'a', tags: ['ok', 'b\u0000'] },
      status: 400,
      field: 'tags.1',
    },
    {
      name: 'deep nesting',
      raw: `{"title":"a","x":${'{"a":'.repeat(200)}1${'}'.repeat(200)}}`,
      status: 400,
      field: 'x.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a',
    },
  ];

  it.each(cases)('rejects $name', async ({ raw, body, status, field }) => {
    const response = await service.request('POST', '/api/v1/emit', {
      rawBody: raw,
      body,
      headers: raw ? { 'content-type': 'application/json' } : {},
    });

    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ statusCode: status, error: expect.any(String) });
    expect(typeof response.body.message).toBe('string');
    expect(response.body.details.map((detail: { field: string }) => detail.field)).toContain(field);
  });

  it.each([
    ['an array', '[{"title":"a"}]'],
    ['a string', '"a"'],
    ['a number', '42'],
    ['null', 'null'],
  ])('rejects a body that is %s as a whole', async (type, raw) => {
    const response = await service.request('POST', '/api/v1/emit', {
      rawBody: raw,
      headers: { 'content-type': 'application/json' },
    });

    expect(response.status).toBe(400);
    expect(response.body.error).toBe('validation_failed');
    expect(response.body.details).toEqual([
      { field: 'body', reason: `must be a JSON object, not ${type}` },
    ]);
  });

  it('rejects a text/plain body with 415 naming its type', async () => {
    const response = await service.request('POST', '/api/v1/emit', {
      rawBody: 'title=a',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });

    expect(response.status).toBe(415);
    expect(response.body.error).toBe('unsupported_media_type');
    expect(response.body.details).toHaveLength(1);
    expect(response.body.details[0].field).toBe('body');
    expect(response.body.details[0].reason).toMatch(/^Content-Type text\/plain is not supported/);
  });

  it.each([
    ['text/plain', 'title=a'],
    ['application/xml', '<title>a</title>'],
    ['application/x-www-form-urlencoded', 'title=a'],
    [
      'multipart/form-data; boundary=b',
      '--b\r\nContent-Disposition: form-data; name="title"\r\n\r\na\r\n--b--\r\n',
    ],
  ])('rejects a %s body with 415', async (contentType, rawBody) => {
    const response = await service.request('POST', '/api/v1/emit', {
      rawBody,
      headers: { 'content-type': contentType },
    });

    expect(response.status).toBe(415);
    expect(response.body.details).toEqual([
      {
        field: 'body',
        reason: `Content-Type ${contentType.split(';')[0]} is not supported here; send application/json`,
      },
    ]);
  });

  it('rejects a body without Content-Type with 415', async () => {
    // A string body would get text/plain from fetch; bytes get no Content-Type.
    const response = await service.request('POST', '/api/v1/emit', {
      rawBody: Buffer.from('{"title":"a"}'),
    });

    expect(response.status).toBe(415);
    expect(response.body.details[0].reason).toBe(
      'a body without Content-Type is not supported here; send application/json',
    );
  });

  it('answers oversized headers with 431', async () => {
    const response = await service.request('GET', `/health/live?q=${'x'.repeat(20_000)}`);

    expect(response.status).toBe(431);
    expect(response.body.error).toBe('request_header_fields_too_large');
    expect(response.body.details).toEqual([
      { field: 'headers', reason: expect.stringMatching(/^the request line and headers exceed/) },
    ]);
  });

  it('ignores the Content-Type of a GET', async () => {
    const response = await service.request('GET', '/health/live', {
      headers: { 'content-type': 'text/plain' },
    });

    expect(response.status).toBe(200);
  });

  it('names the limit of an oversized body', async () => {
    const response = await service.request('POST', '/api/v1/emit', {
      body: { title: 'x'.repeat(4000) },
    });

    expect(response.status).toBe(413);
    expect(response.body.error).toBe('payload_too_large');
    expect(response.body.details).toEqual([
      { field: 'body', reason: 'exceeds the limit of 2048 bytes (HTTP_BODY_LIMIT_BYTES)' },
    ]);
  });

  it('answers an unknown route with 404 in the same shape', async () => {
    const response = await service.request('GET', '/api/v1/nothing-here');

    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ statusCode: 404, error: 'not_found', details: [] });
  });

  it('rejects missing and invalid credentials with 401', async () => {
    const missing = await service.request('GET', '/api/v1/whoami');
    const invalid = await service.request('GET', '/api/v1/whoami', {
      headers: { authorization: 'Bearer not-a-token' },
    });

    expect(missing.status).toBe(401);
    expect(invalid.status).toBe(401);
    expect(invalid.body.error).toBe('unauthorized');
  });

  it('rejects a role outside the route roles with 403', async () => {
    const token = await service.tokenFor({ id: 'c1', role: 'customer' });
    const response = await service.request('GET', '/api/v1/whoami', { token });

    expect(response.status).toBe(403);
    expect(response.body.message).toContain('customer');
  });

  it('passes the verified actor to the route', async () => {
    const token = await service.tokenFor({ id: 'a1', role: 'agent', email: 'anna@example.org' });
    const response = await service.request('GET', '/api/v1/whoami', { token });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: 'a1', role: 'agent', email: 'anna@example.org' });
  });

  it('serves the OpenAPI document, health and metrics', async () => {
    const docs = await service.request('GET', '/api/docs/json');
    const live = await service.request('GET', '/health/live');
    const metrics = await service.request('GET', '/metrics');

    expect(docs.status).toBe(200);
    expect(docs.body.paths).toHaveProperty('/api/v1/emit');
    expect(live.status).toBe(200);
    expect(metrics.body).toContain('http_request_duration_seconds');
    expect(metrics.body).toContain('outbox_backlog');
  });
});
