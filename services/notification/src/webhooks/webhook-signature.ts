import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-deskflow-signature';
export const TIMESTAMP_HEADER = 'x-deskflow-timestamp';
export const DELIVERY_HEADER = 'x-deskflow-delivery';

/**
 * Signs `<timestamp>.<body>` with HMAC-SHA256 and returns `sha256=<hex>`. The timestamp (Unix
 * seconds) is part of the signed text, so a receiver can reject replays of old requests.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  const digest = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

  return `sha256=${digest}`;
}

/** Checks a signature in constant time; receivers can use it as the reference implementation. */
export function verifyWebhook(
  secret: string,
  timestamp: number,
  body: string,
  signature: string,
): boolean {
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const actual = Buffer.from(signature);

  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** True when the type matches one of the filters: an exact type, `prefix.*` or `*`. */
export function matchesEventFilter(filters: string[], type: string): boolean {
  return filters.some((filter) => {
    if (filter === '*') return true;
    if (filter.endsWith('.*')) return type.startsWith(filter.slice(0, -1));

    return filter === type;
  });
}
