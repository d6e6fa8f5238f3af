import { createHmac } from 'node:crypto';
import { matchesEventFilter, signWebhook, verifyWebhook } from './webhook-signature';

describe('signWebhook', () => {
  it('signs the timestamp and body with HMAC-SHA256', () => {
    const expected = createHmac('sha256', 'secret').update('1700000000.{"a":1}').digest('hex');

    expect(signWebhook('secret', 1700000000, '{"a":1}')).toBe(`sha256=${expected}`);
  });

  it('verifies its own signature', () => {
    const signature = signWebhook('secret', 1700000000, 'body');

    expect(verifyWebhook('secret', 1700000000, 'body', signature)).toBe(true);
  });

  it('rejects a changed body, timestamp or secret', () => {
    const signature = signWebhook('secret', 1700000000, 'body');

    expect(verifyWebhook('secret', 1700000000, 'bodY', signature)).toBe(false);
    expect(verifyWebhook('secret', 1700000001, 'body', signature)).toBe(false);
    expect(verifyWebhook('other', 1700000000, 'body', signature)).toBe(false);
  });
});

describe('matchesEventFilter', () => {
  it('matches exact types, prefixes and everything', () => {
    expect(matchesEventFilter(['ticket.created'], 'ticket.created')).toBe(true);
    expect(matchesEventFilter(['ticket.*'], 'ticket.article_added')).toBe(true);
    expect(matchesEventFilter(['*'], 'sla.breached')).toBe(true);
  });

  it('rejects other types', () => {
    expect(matchesEventFilter(['ticket.*'], 'sla.breached')).toBe(false);
    expect(matchesEventFilter(['ticket.created'], 'ticket.created_x')).toBe(false);
  });
});
