import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far the signed timestamp may be from now, so that a captured request cannot be replayed later. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** Computes `sha256=<hex>` over `<timestamp>.<raw body>` with the shared secret. */
export function signChatPayload(secret: string, timestamp: string, rawBody: Buffer): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');

  return `sha256=${mac}`;
}

/** Returns the reason a signature is invalid, or null when it is valid. */
export function checkChatSignature(
  secret: string,
  timestamp: string | undefined,
  signature: string | undefined,
  rawBody: Buffer,
  now: Date = new Date(),
): string | null {
  if (!timestamp || !/^\d{1,12}$/.test(timestamp))
    return 'missing or invalid X-Deskflow-Timestamp (Unix seconds)';
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) {
    return `X-Deskflow-Timestamp is more than ${SIGNATURE_TOLERANCE_SECONDS} seconds from the server time`;
  }
  if (!signature) return 'missing X-Deskflow-Signature';

  const expected = Buffer.from(signChatPayload(secret, timestamp, rawBody));
  const given = Buffer.from(signature);

  return expected.length === given.length && timingSafeEqual(expected, given)
    ? null
    : 'X-Deskflow-Signature does not match the body';
}
