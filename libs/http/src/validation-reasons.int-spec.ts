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

  describe('missing fields', () => {
    const order = (changes: Record<string, unknown>) =>
      service.request('POST', '/api/v1/orders', {
        body: {
          reference: 'ORD-1',
          delivery: 'pickup',
          address: { city: 'Berlin' },
          contacts: [{ name: 'Ada' }],
          ...changes,
        },
      });

    it('reports a missing top-level field as required', async () => {
      const response = await emit({});

      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([{ field: 'title', reason: 'title is required' }]);
    });

    it('reports each missing field once', async () => {
      const response = await service.request('POST', '/api/v1/orders', { body: {} });

      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([
        { field: 'reference', reason: 'reference is required' },
        {
          field: 'delivery',
          reason: 'delivery is required and must be one of the following values: pickup, post',
        },
        { field: 'contacts', reason: 'contacts is required' },
        { field: 'address', reason: 'address is required' },
      ]);
    });

    it('names a missing nested field by its path', async () => {
      const response = await order({ address: { street: 'Hauptstraße 1' } });

      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([
        { field: 'address.city', reason: 'address.city is required' },
      ]);
    });

    it('names missing array element fields', async () => {
      const response = await order({ contacts: [{ name: 'Ada' }, { email: 'b@example.com' }] });

      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([
        { field: 'contacts.1.name', reason: 'contacts.1.name is required' },
      ]);
    });

    it('requires a conditional field', async () => {
      const response = await order({ delivery: 'post' });

      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([
        { field: 'postcode', reason: 'postcode is required' },
      ]);
    });

    it('reports a missing query parameter as required', async () => {
      const response = await lookup('limit=5');

      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([{ field: 'q', reason: 'q is required' }]);
    });

    it('accepts missing optional fields', async () => {
      const response = await order({});

      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        reference: 'ORD-1',
        delivery: 'pickup',
        address: { city: 'Berlin' },
        contacts: [{ name: 'Ada' }],
      });
    });

    it('keeps nested type reasons', async () => {
      const response = await order({ address: { city: 5 }, contacts: [{ name: ['Ada'] }] });

      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([
        { field: 'address.city', reason: 'address.city must be a string' },
        { field: 'contacts.0.name', reason: 'contacts.0.name must be a string' },
      ]);
    });

    // null is a value of the wrong JSON type, so it gets the reason that names the expected type.
    it('gives null the type reason', async () => {
      const response = await order({ delivery: null, address: null, contacts: [null] });

      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([
        { field: 'delivery', reason: 'delivery must be one of the following values: pickup, post' },
        { field: 'address', reason: 'nested property address must be either object or array' },
        {
          field: 'contacts.0',
          reason: 'each value in nested property contacts must be either object or array',
        },
      ]);
    });

    it('gives a null title the type reason', async () => {
      const response = await emit({ title: null });

      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([{ field: 'title', reason: 'title must be a string' }]);
    });
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
    expect(response.body.error).toBe('validation_failed');
    expect(response.body.details).toEqual([
      { field: 'body', reason: expect.stringMatching(/^is not valid JSON \(.+\)$/) },
    ]);
  });
});
