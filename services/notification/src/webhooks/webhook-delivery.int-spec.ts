import { randomUUID } from 'node:crypto';
import { KnowledgeEvents, TicketEvents } from '@deskflow/contracts';
import { waitFor } from '@deskflow/testing';
import { NotificationEventCollector } from '../../test/event-collector';
import {
  ADMIN,
  article,
  NotificationTestbed,
  queue,
  startNotification,
  ticketSnapshot,
} from '../../test/notification-test-kit';
import { WebhookReceiver } from '../../test/webhook-receiver';
import { verifyWebhook } from './webhook-signature';

const DELIVERED = 'notification_delivery_attempts_total{channel="webhook",outcome="delivered"}';
const FAILED = 'notification_delivery_attempts_total{channel="webhook",outcome="failed"}';
const DURATIONS =
  'notification_delivery_attempt_duration_seconds_count{channel="webhook",outcome="delivered"}';
const LATENCIES = 'notification_delivery_latency_seconds_count{channel="webhook"}';

describe('webhook delivery', () => {
  const it_ = queue('IT');
  const collector = new NotificationEventCollector();
  const receivers: WebhookReceiver[] = [];
  let bed: NotificationTestbed;
  let token: string;

  beforeAll(async () => {
    bed = await startNotification({
      WEBHOOK_DISABLE_AFTER: '5',
      DELIVERY_MAX_ATTEMPTS: '3',
      // The receivers listen on loopback, which webhooks may reach only when allowed.
      WEBHOOK_ALLOWED_PRIVATE_TARGETS: '127.0.0.1',
    });
    await collector.start();
    token = await bed.harness.tokenFor(ADMIN);
  });

  afterAll(async () => {
    await collector.stop();
    for (const receiver of receivers) await receiver.stop();
    await bed.close();
  });

  async function receiver(statuses: number[]): Promise<WebhookReceiver> {
    const started = new WebhookReceiver(statuses);
    await started.start();
    receivers.push(started);

    return started;
  }

  /** Reads the service's Prometheus metrics as a map from series to value. */
  async function metricValues(): Promise<Map<string, number>> {
    const response = await bed.harness.request('GET', '/metrics');
    const text = typeof response.body === 'string' ? response.body : String(response.body);
    const lines = text.split('\n').filter((line) => line.startsWith('notification_'));

    return new Map(
      lines.map((line) => [
        line.slice(0, line.lastIndexOf(' ')),
        Number(line.slice(line.lastIndexOf(' ') + 1)),
      ]),
    );
  }

  async function subscribe(url: string, eventTypes: string[]) {
    const response = await bed.harness.request('POST', '/api/v1/webhooks', {
      token,
      body: { url, eventTypes },
    });
    expect(response.status).toBe(201);

    return response.body as { id: string; secret: string };
  }

  it('retries after two failures and signs every attempt', async () => {
    const hook = await receiver([500, 500, 200]);
    const subscription = await subscribe(hook.url, ['ticket.created']);
    const ticket = ticketSnapshot(it_.id);
    const envelope = await bed.publisher.publishAndWait(TicketEvents.created, {
      ticket,
      article: article(),
    });
    await waitFor(() => hook.requests.length >= 3, { what: 'three webhook attempts' });
    const delivered = await collector.waitFor(
      'notification.delivered',
      (event) => event.data.channel === 'webhook',
    );

    expect(hook.requests.map((request) => request.status)).toEqual([500, 500, 200]);
    for (const request of hook.requests) {
      const timestamp = Number(request.headers['x-deskflow-timestamp']);
      const signature = String(request.headers['x-deskflow-signature']);
      expect(verifyWebhook(subscription.secret, timestamp, request.body, signature)).toBe(true);
    }
    const body = JSON.parse(hook.requests[2].body);
    expect(body).toMatchObject({
      specversion: '1.0',
      id: envelope.id,
      type: 'ticket.created',
      subject: ticket.id,
    });
    expect(body.data.ticket.number).toBe(ticket.number);
    expect(delivered.data.sourceEventId).toBe(envelope.id);

    const log = await bed.harness.request(
      'GET',
      `/api/v1/deliveries?channel=webhook&sourceEventId=${envelope.id}`,
      { token },
    );
    expect(log.body.items).toHaveLength(1);
    const detail = await bed.harness.request('GET', `/api/v1/deliveries/${log.body.items[0].id}`, {
      token,
    });
    expect(detail.body.status).toBe('delivered');
    expect(detail.body.attemptLog.map((attempt: { outcome: string }) => attempt.outcome)).toEqual([
      'failed',
      'failed',
      'delivered',
    ]);
    expect(detail.body.attemptLog[0].error).toContain('HTTP 500');
    expect(
      await collector
        .ofType('notification.failed')
        .filter((event) => event.data.deliveryId === detail.body.id),
    ).toHaveLength(2);
  });

  it('counts attempts and timings in the metrics', async () => {
    const hook = await receiver([500, 200]);
    await subscribe(hook.url, ['ticket.merged']);
    const before = await metricValues();
    const ticket = ticketSnapshot(it_.id);
    await bed.publisher.publishAndWait(TicketEvents.merged, {
      ticket,
      targetTicketId: randomUUID(),
      targetNumber: '10001',
      mergedAt: new Date().toISOString(),
    });
    await collector.waitFor(
      'notification.delivered',
      (event) => event.data.channel === 'webhook' && event.data.ticketId === ticket.id,
    );

    const after = await waitFor(
      async () => {
        const values = await metricValues();

        return (values.get(DELIVERED) ?? 0) > (before.get(DELIVERED) ?? 0) && values;
      },
      { what: 'the delivered attempt in the metrics' },
    );
    expect((after.get(DELIVERED) ?? 0) - (before.get(DELIVERED) ?? 0)).toBe(1);
    expect((after.get(FAILED) ?? 0) - (before.get(FAILED) ?? 0)).toBe(1);
    expect((after.get(DURATIONS) ?? 0) - (before.get(DURATIONS) ?? 0)).toBe(1);
    expect(after.get(LATENCIES)).toBeGreaterThanOrEqual(1);
  });

  it('disables a subscription that keeps failing and reports it', async () => {
    const hook = await receiver([503, 503, 503, 503, 503, 503, 503]);
    const subscription = await subscribe(hook.url, ['ticket.*']);
    const ticket = ticketSnapshot(it_.id);
    await bed.publisher.publishAndWait(TicketEvents.created, { ticket, article: article() });
    await bed.publisher.publishAndWait(TicketEvents.assigned, { ticket, ownerId: null });
    const disabled = await collector.waitFor(
      'notification.webhook_disabled',
      (event) => event.data.subscriptionId === subscription.id,
    );
    const stored = await bed.harness.request('GET', `/api/v1/webhooks/${subscription.id}`, {
      token,
    });

    expect(hook.requests).toHaveLength(5);
    expect(disabled.data.reason).toContain('5 consecutive failed deliveries');
    expect(stored.body.active).toBe(false);
    expect(stored.body.secret).toBeUndefined();
    const log = await bed.harness.request(
      'GET',
      `/api/v1/deliveries?recipientKey=webhook:${subscription.id}`,
      { token },
    );
    // Which delivery used up its own attempts first depends on timing; neither may stay queued.
    const statuses: string[] = log.body.items.map((item: { status: string }) => item.status);
    expect(statuses).toHaveLength(2);
    expect(statuses).toContain('dead');
    expect(statuses.every((status) => status === 'dead' || status === 'cancelled')).toBe(true);
  });

  it('marks a delivery dead after the maximum attempts and re-sends it on request', async () => {
    const hook = await receiver([500, 500, 500]);
    const subscription = await subscribe(hook.url, ['ticket.assigned']);
    await bed.harness.request('PATCH', `/api/v1/webhooks/${subscription.id}`, {
      token,
      body: { active: true },
    });
    const ticket = ticketSnapshot(it_.id);
    const envelope = await bed.publisher.publishAndWait(TicketEvents.assigned, {
      ticket,
      ownerId: null,
    });
    const dead = await collector.waitFor(
      'notification.dead',
      (event) => event.data.recipient === `webhook:${subscription.id}`,
    );
    const deliveryId = dead.data.deliveryId as string;

    const resent = await bed.harness.request('POST', `/api/v1/deliveries/${deliveryId}/resend`, {
      token,
    });
    expect(resent.status).toBe(202);
    await waitFor(() => hook.requests.length >= 4, { what: 'the re-sent attempt' });
    const detail = await waitFor(
      async () => {
        const response = await bed.harness.request('GET', `/api/v1/deliveries/${deliveryId}`, {
          token,
        });

        return response.body.status === 'delivered' && response.body;
      },
      { what: 'delivered after re-sending' },
    );

    expect(dead.data.attempts).toBe(3);
    expect(detail.attemptLog).toHaveLength(4);
    expect(JSON.parse(hook.requests[3].body).id).toBe(envelope.id);
    const again = await bed.harness.request('POST', `/api/v1/deliveries/${randomUUID()}/resend`, {
      token,
    });
    expect(again.status).toBe(404);
  });

  it('ends a delivery to a deleted subscription without retrying', async () => {
    const hook = await receiver([500]);
    const subscription = await subscribe(hook.url, ['ticket.updated']);
    const recipient = `webhook:${subscription.id}`;
    const release = hook.delayResponses();
    const ticket = ticketSnapshot(it_.id);
    const envelope = await bed.publisher.publishAndWait(TicketEvents.updated, {
      ticket,
      changes: [{ field: 'title', before: 'old', after: ticket.title }],
    });
    await waitFor(() => hook.requests.length >= 1, { what: 'the first webhook attempt' });

    // The subscription goes away while its first attempt is in flight, so the delivery is
    // queued again after that attempt fails and its next claim finds no subscription.
    const removed = await bed.harness.request('DELETE', `/api/v1/webhooks/${subscription.id}`, {
      token,
    });
    expect(removed.status).toBe(204);
    release();
    const dead = await collector.waitFor(
      'notification.dead',
      (event) => event.data.recipient === recipient,
    );
    const deliveryId = dead.data.deliveryId as string;
    const detail = await bed.harness.request('GET', `/api/v1/deliveries/${deliveryId}`, {
      token,
    });

    expect(hook.requests).toHaveLength(1);
    expect(dead.data.attempts).toBe(2);
    expect(dead.data.error).toContain('no longer exists');
    expect(detail.body.status).toBe('dead');
    expect(detail.body.lastError).toContain(`webhook subscription ${subscription.id}`);
    expect(detail.body.attemptLog.map((attempt: { error: string }) => attempt.error)).toEqual([
      expect.stringContaining('HTTP 500'),
      expect.stringContaining('no longer exists'),
    ]);
    const failures = collector
      .ofType('notification.failed')
      .filter((event) => event.data.deliveryId === deliveryId);
    expect(failures).toHaveLength(1);

    // Neither a redelivered event nor an operator's re-send reaches the deleted subscription.
    await bed.publisher.send(envelope);
    await bed.publisher.publishAndWait(TicketEvents.linked, {
      ticket,
      otherTicketId: randomUUID(),
      linkType: 'related',
    });
    const resent = await bed.harness.request('POST', `/api/v1/deliveries/${deliveryId}/resend`, {
      token,
    });
    expect(resent.status).toBe(202);
    const afterResend = await waitFor(
      async () => {
        const response = await bed.harness.request('GET', `/api/v1/deliveries/${deliveryId}`, {
          token,
        });

        return response.body.status === 'dead' && response.body.attempts === 3 && response.body;
      },
      { what: 'the re-sent delivery to end dead' },
    );
    const log = await bed.harness.request('GET', `/api/v1/deliveries?recipientKey=${recipient}`, {
      token,
    });

    expect(log.body.items).toHaveLength(1);
    expect(afterResend.attemptLog).toHaveLength(3);
    expect(hook.requests).toHaveLength(1);
    const deadEvents = await waitFor(
      () => {
        const events = collector
          .ofType('notification.dead')
          .filter((event) => event.data.deliveryId === deliveryId);

        return events.length >= 2 && events;
      },
      { what: 'the second notification.dead event' },
    );
    expect(deadEvents.map((event) => event.data.attempts)).toEqual([2, 3]);
  });

  it('delivers knowledge events to matching subscriptions', async () => {
    const hook = await receiver([]);
    const subscription = await subscribe(hook.url, ['knowledge.*']);
    const articleId = randomUUID();
    const published = await bed.publisher.publishAndWait(KnowledgeEvents.published, {
      articleId,
      version: 1,
      title: 'Reset a forgotten password',
      locale: 'en',
      visibility: 'public',
      keywords: ['password'],
      changedAt: new Date().toISOString(),
    });
    const ticketId = randomUUID();
    const linked = await bed.publisher.publishAndWait(KnowledgeEvents.solutionLinked, {
      articleId,
      ticketId,
      linkedAt: new Date().toISOString(),
    });
    await waitFor(() => hook.requests.length >= 2, { what: 'two knowledge webhook calls' });

    const bodies = hook.requests.map((request) => JSON.parse(request.body));
    expect(bodies.map((body) => body.id).sort()).toEqual([published.id, linked.id].sort());
    expect(bodies.find((body) => body.id === published.id).data.title).toBe(
      'Reset a forgotten password',
    );
    for (const request of hook.requests) {
      const timestamp = Number(request.headers['x-deskflow-timestamp']);
      expect(
        verifyWebhook(
          subscription.secret,
          timestamp,
          request.body,
          String(request.headers['x-deskflow-signature']),
        ),
      ).toBe(true);
    }
    const log = await bed.harness.request(
      'GET',
      `/api/v1/deliveries?recipientKey=webhook:${subscription.id}`,
      { token },
    );
    expect(log.body.items).toHaveLength(2);
    const ticketIds = log.body.items.map((item: { ticketId: string | null }) => item.ticketId);
    expect(ticketIds).toContain(ticketId);
    expect(ticketIds).toContain(null);
  });

  it('rejects invalid subscriptions and names the field', async () => {
    const response = await bed.harness.request('POST', '/api/v1/webhooks', {
      token,
      body: { url: 'not a url', eventTypes: ['Ticket Created'] },
    });

    expect(response.status).toBe(400);
    const fields = response.body.details.map((detail: { field: string }) => detail.field);
    expect(fields).toContain('url');
    expect(fields).toContain('eventTypes');
  });
});
