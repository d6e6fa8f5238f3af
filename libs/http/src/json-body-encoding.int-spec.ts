import { Topics } from '@deskflow/contracts';
import { ServiceHarness, startServiceHarness } from '@deskflow/testing';
import { INVALID_UTF8_REASON, PROTOTYPE_KEY_REASON } from './json-parser';
import { PROBE_SCHEMA, ProbeModule } from './test-support/probe.module';

describe('JSON body encoding and empty JSON bodies', () => {
  let service: ServiceHarness;

  beforeAll(async () => {
    service = await startServiceHarness({
      name: 'probe',
      module: ProbeModule,
      consumer: { groupId: 'probe-encoding', topics: [Topics.ticket], schema: PROBE_SCHEMA },
    });
  });

  afterAll(async () => {
    await service?.close();
  });

  const send = (path: string, rawBody: string | Buffer | undefined, contentType: string) =>
    service.request('POST', `/api/v1/${path}`, {
      rawBody,
      headers: { 'content-type': contentType },
    });

  it.each([
    ['no body', undefined],
    ['an empty body', ''],
    ['a body of whitespace', ' \r\n\t '],
  ])('takes %s with application/json as no body', async (_case, rawBody) => {
    const response = await send('touch', rawBody, 'application/json');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ touched: true });
  });

  it('names required fields of empty bodies', async () => {
    const response = await send('emit', '', 'application/json');

    expect(response.status).toBe(400);
    expect(response.body.details.map((detail: { field: string }) => detail.field)).toEqual([
      'title',
    ]);
  });

  it('rejects a non-object body', async () => {
    const response = await send('emit', ' [] ', 'application/json');

    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([
      { field: 'body', reason: 'must be a JSON object, not an array' },
    ]);
  });

  it('rejects invalid UTF-8 with 400', async () => {
    const rawBody = Buffer.concat([
      Buffer.from('{"title":"'),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('"}'),
    ]);

    const response = await send('emit', rawBody, 'application/json');

    expect(response.status).toBe(400);
    expect(response.body.error).toBe('validation_failed');
    expect(response.body.details).toEqual([{ field: 'body', reason: INVALID_UTF8_REASON }]);
  });

  it('rejects a Latin-1 charset with 415', async () => {
    const rawBody = Buffer.from('{"title":"Grüße"}', 'latin1');

    const response = await send('emit', rawBody, 'application/json; charset=ISO-8859-1');

    expect(response.status).toBe(415);
    expect(response.body.error).toBe('unsupported_media_type');
    expect(response.body.details).toEqual([
      { field: 'body', reason: expect.stringContaining('charset iso-8859-1 is not supported') },
    ]);
  });

  it.each(['application/json; charset=UTF-8', 'application/json;charset="utf-8"'])(
    'accepts UTF-8 declared as %s',
    async (contentType) => {
      const response = await send('orders', JSON.stringify(order('Grüße 👋')), contentType);

      expect(response.status).toBe(201);
      expect(response.body.note).toBe('Grüße 👋');
    },
  );

  it('accepts a leading byte order mark', async () => {
    const rawBody = `\ufeff${JSON.stringify(order('Straße'))}`;

    const response = await send('orders', rawBody, 'application/json');

    expect(response.status).toBe(201);
    expect(response.body.note).toBe('Straße');
  });

  it('still names the prototype poisoning reason', async () => {
    const response = await send('emit', '{"__proto__": {"x": 1}}', 'application/json');

    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([{ field: 'body', reason: PROTOTYPE_KEY_REASON }]);
  });
});

function order(note: string): Record<string, unknown> {
  return {
    reference: 'ORD-1',
    delivery: 'pickup',
    address: { city: 'Berlin' },
    contacts: [{ name: 'Ida' }],
    note,
  };
}
