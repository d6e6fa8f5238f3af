import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { AppError } from '@deskflow/http';

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

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];

  return Array.isArray(value) ? value[0] : value;
}

/** Throws unless the webhook is on (CHAT_WEBHOOK_SECRET) and the request carries a valid signature. */
export function verifyChatRequest(headers: IncomingHttpHeaders, rawBody: Buffer): void {
  const secret = process.env.CHAT_WEBHOOK_SECRET;
  if (!secret)
    throw new AppError(
      'service_unavailable',
      'the chat webhook is off: CHAT_WEBHOOK_SECRET is not set',
      503,
    );

  const problem = checkChatSignature(
    secret,
    headerValue(headers, 'x-deskflow-timestamp'),
    headerValue(headers, 'x-deskflow-signature'),
    rawBody,
  );
  if (problem) throw new AppError('unauthorized', problem, 401);
}
