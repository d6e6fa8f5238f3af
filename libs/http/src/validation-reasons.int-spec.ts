import { Topics } from '@deskflow/contracts';
import { ServiceHarness, startServiceHarness } from '@deskflow/testing';
import { PROTOTYPE_KEY_REASON } from './json-parser';
import { PROBE_SCHEMA, ProbeModule } from './test-support/probe.module';

describe('validation reasons', () => {
  let service: ServiceHarness;

  beforeAll(async () => {
    service = await startServiceHarness({
      name: 'probe',
      module: ProbeModule,
      consumer: { groupId: 'probe-reasons', topics: [Topics.ticket], schema: PROBE_SCHEMA },
    });
  });

  afterAll(async () => {
    await service?.close();
  });

  const emit = (body: unknown) => service.request('POST', '/api/v1/emit', { body });
  const emitRaw = (raw: string) =>
    service.request('POST', '/api/v1/emit', {
      rawBody: raw,
      headers: { 'content-type': 'application/json' },
    });
  const lookup = (query: string) => service.request('GET', `/api/v1/lookup?${query}`);

  it('reports only the type reason of a wrong type', async () => {
    const response = await emit({ title: 5 });

    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([{ field: 'title', reason: 'title must be a string' }]);
  });

  it('keeps the reasons of other fields', async () => {
    const response = await emit({ title: 5, copies: 11 });

    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([
      { field: 'title', reason: 'title must be a string' },
      { field: 'copies', reason: 'copies must not be greater than 10' },
    ]);
  });

  it('keeps every reason of a value of the right type', async () => {
    const response = await emit({ title: 'a', copies: 1.5 });

    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([
      { field: 'copies', reason: 'copies must be an integer number' },
    ]);
  });

  it('reports only the type reason of a non-numeric query parameter', async () => {
    const response = await lookup('q=a&limit=abc');

    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([
      { field: 'limit', reason: 'limit must be an integer number' },
    ]);
  });

  it('rejects a repeated query parameter once', async () => {
    const response = await lookup('q=a&q=b');

    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([{ field: 'q', reason: 'q must be given once' }]);
  });

  it('rejects a repeated unknown query parameter', async () => {
    const response = await lookup('q=a&extra=1&extra=2');

    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([
      { field: 'extra', reason: 'property extra should not exist' },
    ]);
  });

  it('accepts a repeated query parameter that takes a list', async () => {
    const response = await lookup('q=a&tag=x&tag=y');

    expect(response.status).toBe(200);
    expect(response.body.tag).toEqual(['x', 'y']);
  });

  it('names the element of a query list that fails', async () => {
    const response = await lookup('q=a&tag=x&tag=much-too-long');

    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([
      { field: 'tag.1', reason: 'tag.1 must be shorter than or equal to 10 characters' },
    ]);
  });

  it('names each failing array element by index', async () => {
    const response = await emit({ title: 'a', keywords: ['ok', 5, { a: 1 }] });

    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([
      { field: 'keywords.1', reason: 'keywords.1 must be a string' },
      { field: 'keywords.2', reason: 'keywords.2 must be a string' },
    ]);
  });

  it('keeps array reasons on the array', async () => {
    const response = await emit({ title: 'a', keywords: ['a', 'b', 'c', 'much-too-long'] });

    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([
      { field: 'keywords', reason: 'keywords must contain no more than 3 elements' },
      {
        field: 'keywords.3',
        reason: 'keywords.3 must be shorter than or equal to 10 characters',
      },
    ]);
  });

  it('reports only the array type of a non-array', async () => {
    const response = await emit({ title: 'a', keywords: 'ok' });

    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([
      { field: 'keywords', reason: 'keywords must be an array' },
    ]);
  });

  it.each([
    ['__proto__', '{"title":"a","__proto__":{"admin":true}}'],
    ['constructor.prototype', '{"title":"a","x":{"constructor":{"prototype":{}}}}'],
  ])('rejects a %s key with its own reason', async (_key, raw) => {
    const response = await emitRaw(raw);

    expect(response.status).toBe(400);
    expect(response.body.error).toBe('validation_failed');
    expect(response.body.details).toEqual([{ field: 'body', reason: PROTOTYPE_KEY_REASON }]);
  });

  it('still calls malformed JSON invalid', async () => {
    const response = await emitRaw('{"title": ');

    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([
      {
        field: 'body',
        reason: "Body is not valid JSON but content-type is set to 'application/json'",
      },
    ]);
  });
});
