import { request as httpRequest, OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { LookupFunction } from 'node:net';

export interface WebhookPost {
  url: URL;
  headers: OutgoingHttpHeaders;
  body: string;
  /** Resolves and checks the host; the socket connects only to the addresses it returns. */
  lookup: LookupFunction;
  timeoutMs: number;
}

/**
 * POSTs a webhook body and returns the response status. Redirects are not followed: a 3xx is
 * returned like any other status, so a receiver cannot send the request on to another host.
 */
export function postWebhook(post: WebhookPost): Promise<number> {
  const send = post.url.protocol === 'https:' ? httpsRequest : httpRequest;

  return new Promise((resolve, reject) => {
    const request = send(
      post.url,
      {
        method: 'POST',
        headers: { ...post.headers, 'content-length': Buffer.byteLength(post.body) },
        lookup: post.lookup,
        signal: AbortSignal.timeout(post.timeoutMs),
      },
      (response) => {
        // Only the status matters; closing the response spares reading a large or endless body.
        resolve(response.statusCode ?? 0);
        response.destroy();
      },
    );
    request.on('error', reject);
    request.end(post.body);
  });
}
