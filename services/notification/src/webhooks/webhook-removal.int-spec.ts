import { TicketEvents } from '@deskflow/contracts';
import { waitFor } from '@deskflow/testing';
import {
  ADMIN,
  NotificationTestbed,
  queue,
  startNotification,
  ticketSnapshot,
} from '../../test/notification-test-kit';
import { WebhookReceiver } from '../../test/webhook-receiver';

describe('webhook subscription removal', () => {
  const it_ = queue('IT');
  let bed: NotificationTestbed;
  let hook: WebhookReceiver;
  let token: string;

  beforeAll(async () => {
    // A failed attempt waits a minute for its retry, so the delivery stays queued meanwhile.
    bed = await startNotification({
      DELIVERY_RETRY_BASE_MS: '60000',
      DELIVERY_RETRY_MAX_MS: '60000',
      WEBHOOK_ALLOWED_PRIVATE_TARGETS: '127.0.0.1',
    });
    hook = new WebhookReceiver([500, 500, 500]);
    await hook.start();
    token = await bed.harness.tokenFor(ADMIN);
  });

  afterAll(async () => {
    await hook.stop();
    await bed.close();
  });

  const deliveriesOf = async (subscriptionId: string) => {
    const response = await bed.harness.request(
      'GET',
      `/api/v1/deliveries?recipientKey=webhook:${subscriptionId}`,
      { token },
    );

    return response.body.items as Array<{ id: string; status: string; lastError: string | null }>;
  };

  it('cancels a queued retry', async () => {
    const created = await bed.harness.request('POST', '/api/v1/webhooks', {
      token,
      body: { url: hook.url, eventTypes: ['ticket.updated'] },
    });
    const subscriptionId = created.body.id as string;
    const ticket = ticketSnapshot(it_.id);
    await bed.publisher.publishAndWait(TicketEvents.updated, {
      ticket,
      changes: [{ field: 'title', before: 'old', after: ticket.title }],
    });
    const [queued] = await waitFor(
      async () => {
        const deliveries = await deliveriesOf(subscriptionId);

        return deliveries[0]?.status === 'queued' && deliveries[0].lastError !== null && deliveries;
      },
      { what: 'the delivery queued for its retry' },
    );

    const removed = await bed.harness.request('DELETE', `/api/v1/webhooks/${subscriptionId}`, {
      token,
    });
    const detail = await bed.harness.request('GET', `/api/v1/deliveries/${queued.id}`, { token });

    expect(removed.status).toBe(204);
    expect(detail.body.status).toBe('cancelled');
    expect(detail.body.lastError).toBe('subscription deleted');
    expect(hook.requests).toHaveLength(1);
  });

  it('answers 404 on a second delete', async () => {
    const created = await bed.harness.request('POST', '/api/v1/webhooks', {
      token,
      body: { url: hook.url, eventTypes: ['ticket.updated'] },
    });
    const path = `/api/v1/webhooks/${created.body.id}`;
    await bed.harness.request('DELETE', path, { token });

    const again = await bed.harness.request('DELETE', path, { token });

    expect(again.status).toBe(404);
  });
});
