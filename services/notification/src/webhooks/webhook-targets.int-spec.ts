import { randomBytes } from 'node:crypto';
import { TicketEvents } from '@deskflow/contracts';
import { waitFor } from '@deskflow/testing';
import {
  ADMIN,
  article,
  NotificationTestbed,
  queue,
  startNotification,
  ticketSnapshot,
} from '../../test/notification-test-kit';
import { WebhookReceiver } from '../../test/webhook-receiver';

/** Only 127.0.0.2 is allowed here, so 127.0.0.1 stands for every internal address. */
const ALLOWED = '127.0.0.2';

describe('webhook targets', () => {
  const it_ = queue('IT');
  const receivers: WebhookReceiver[] = [];
  let bed: NotificationTestbed;
  let token: string;

  beforeAll(async () => {
    bed = await startNotification({
      DELIVERY_MAX_ATTEMPTS: '1',
      WEBHOOK_ALLOWED_PRIVATE_TARGETS: `${ALLOWED}, hooks.internal.example`,
    });
    token = await bed.harness.tokenFor(ADMIN);
  });

  afterAll(async () => {
    for (const receiver of receivers) await receiver.stop();
    await bed.close();
  });

  async function receiver(
    statuses: number[] = [],
    host = ALLOWED,
    headers: Record<string, string> = {},
  ): Promise<WebhookReceiver> {
    const started = new WebhookReceiver(statuses, host, headers);
    await started.start();
    receivers.push(started);

    return started;
  }

  const create = (url: string, eventTypes = ['ticket.created']) =>
    bed.harness.request('POST', '/api/v1/webhooks', { token, body: { url, eventTypes } });

  /** Publishes a ticket.created event and returns the attempt errors of its webhook delivery. */
  async function deliveryErrors(): Promise<string[]> {
    const envelope = await bed.publisher.publishAndWait(TicketEvents.created, {
      ticket: ticketSnapshot(it_.id),
      article: article(),
    });

    return waitFor(
      async () => {
        const log = await bed.harness.request(
          'GET',
          `/api/v1/deliveries?channel=webhook&sourceEventId=${envelope.id}`,
          { token },
        );
        const item = log.body.items?.[0];
        if (!item || item.status !== 'dead') return false;
        const detail = await bed.harness.request('GET', `/api/v1/deliveries/${item.id}`, {
          token,
        });

        return detail.body.attemptLog.map((attempt: { error: string | null }) => attempt.error);
      },
      { what: 'the dead webhook delivery' },
    );
  }

  it.each([
    ['metadata', 'http://169.254.169.254/latest/meta-data/', 'linkLocal'],
    ['loopback', 'http://127.0.0.1:9/hook', 'loopback'],
    ['private 10/8', 'http://10.1.2.3/hook', 'private'],
    ['private 172.16/12', 'http://172.16.0.1/hook', 'private'],
    ['private 192.168/16', 'http://192.168.1.10/hook', 'private'],
    ['shared 100.64/10', 'http://100.64.0.1/hook', 'carrierGradeNat'],
    ['unspecified', 'http://0.0.0.0/hook', 'unspecified'],
    ['IPv6 loopback', 'http://[::1]/hook', 'loopback'],
    ['IPv6 unique local', 'http://[fd00::1]/hook', 'uniqueLocal'],
    ['IPv6 link-local', 'http://[fe80::1]/hook', 'linkLocal'],
    ['IPv4-mapped loopback', 'http://[::ffff:127.0.0.1]/hook', 'loopback'],
    ['localhost', 'http://localhost:9/hook', 'loopback'],
    ['a localhost subdomain', 'http://printer.localhost/hook', 'loopback'],
  ])('rejects a %s URL', async (_label, url, range) => {
    const response = await create(url);

    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([
      { field: 'url', reason: expect.stringContaining(`blocked address range "${range}"`) },
    ]);
    expect(response.body.details[0].reason).toContain('WEBHOOK_ALLOWED_PRIVATE_TARGETS');
  });

  it.each([
    ['decimal', 'http://2130706433/hook', '127.0.0.1', 'loopback'],
    ['hexadecimal', 'http://0x7f000001/hook', '127.0.0.1', 'loopback'],
    ['octal', 'http://0177.0.0.1/hook', '127.0.0.1', 'loopback'],
    ['short', 'http://10.1/hook', '10.0.0.1', 'private'],
    ['decimal metadata', 'http://2852039166/latest', '169.254.169.254', 'linkLocal'],
  ])('rejects a %s IPv4 host by its address', async (_label, url, address, range) => {
    const response = await create(url);

    expect(response.status).toBe(400);
    expect(response.body.details).toHaveLength(1);
    expect(response.body.details[0].field).toBe('url');
    expect(response.body.details[0].reason).toContain(`is the IPv4 address ${address}`);
    expect(response.body.details[0].reason).toContain(`blocked address range "${range}"`);
  });

  it('accepts a decimal IPv4 host that the allowance covers', async () => {
    const decimal = ALLOWED.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);

    const response = await create(`http://${decimal}:9/hook`);

    expect(response.status).toBe(201);
    await bed.harness.request('DELETE', `/api/v1/webhooks/${response.body.id}`, { token });
  });

  it.each([
    ['a relative URL', '/hook'],
    ['another scheme', 'ftp://example.org/hook'],
    ['no URL', 'not a url'],
  ])('rejects %s with 400 naming url', async (_label, url) => {
    const response = await create(url);

    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe('url');
    expect(response.body.details[0].reason).toContain('absolute http or https URL');
  });

  it('accepts allowed addresses and host names', async () => {
    const byAddress = await create(`http://${ALLOWED}:9/hook`);
    const byName = await create('https://hooks.internal.example/deskflow');

    expect(byAddress.status).toBe(201);
    expect(byName.status).toBe(201);
    for (const created of [byAddress, byName]) {
      await bed.harness.request('DELETE', `/api/v1/webhooks/${created.body.id}`, { token });
    }
  });

  it('rejects a change to a blocked URL', async () => {
    const created = await create(`http://${ALLOWED}:9/hook`);

    const changed = await bed.harness.request('PATCH', `/api/v1/webhooks/${created.body.id}`, {
      token,
      body: { url: 'http://169.254.169.254/' },
    });

    expect(changed.status).toBe(400);
    expect(changed.body.details[0].field).toBe('url');
    await bed.harness.request('DELETE', `/api/v1/webhooks/${created.body.id}`, { token });
  });

  it('rejects unknown event types and lists them', async () => {
    const response = await create(`http://${ALLOWED}:9/hook`, [
      'ticket.created',
      'ticket.exploded',
      'billing.*',
      'notification.delivered',
    ]);

    expect(response.status).toBe(400);
    expect(response.body.details).toHaveLength(1);
    expect(response.body.details[0].field).toBe('eventTypes');
    expect(response.body.details[0].reason).toMatch(
      /^eventTypes contains unknown event types: ticket\.exploded, billing\.\*, notification\.delivered; known types are ticket\.created, /,
    );
  });

  it('blocks a stored host name that resolves internally at delivery', async () => {
    const internal = await receiver([], '127.0.0.1');
    // Written past the API, as a subscription saved before its name pointed inside would be.
    await bed.db.query(
      `INSERT INTO "notification"."webhook_subscription"
         ("url", "event_types", "secret", "active", "consecutive_failures")
       VALUES ($1, '{ticket.created}', $2, true, 0)`,
      [`http://localhost:${internal.port}/hook`, randomBytes(24).toString('hex')],
    );

    const errors = await deliveryErrors();

    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(
      'blocked: localhost resolves to 127.0.0.1, in the blocked address range "loopback"',
    );
    expect(internal.requests).toHaveLength(0);
    await bed.db.query(`DELETE FROM "notification"."webhook_subscription"`);
  });

  it('does not follow a redirect to an internal address', async () => {
    const internal = await receiver([], '127.0.0.1');
    const redirecting = await receiver([307], ALLOWED, { location: internal.url });
    const created = await create(redirecting.url);
    expect(created.status).toBe(201);

    const errors = await deliveryErrors();

    expect(errors).toEqual([expect.stringContaining('HTTP 307; redirects are not followed')]);
    expect(redirecting.requests).toHaveLength(1);
    expect(internal.requests).toHaveLength(0);
    await bed.harness.request('DELETE', `/api/v1/webhooks/${created.body.id}`, { token });
  });
});
