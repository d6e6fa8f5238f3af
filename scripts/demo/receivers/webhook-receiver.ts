import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** One POST the receiver accepted. */
export interface WebhookCall {
  receivedAt: number;
  /** The `x-deskflow-delivery` header: the notification service's delivery id. */
  deliveryId: string;
  eventId: string;
  eventType: string;
  subject: string;
  signatureValid: boolean;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** Checks `sha256=<hex>` over `<timestamp>.<body>` with HMAC-SHA256, as the sender signs it. */
export function signatureMatches(
  secret: string,
  timestamp: string,
  body: string,
  signature: string,
): boolean {
  const expected = Buffer.from(
    `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`,
  );
  const actual = Buffer.from(signature);

  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** An HTTP receiver on 127.0.0.1 that records signed CloudEvents webhook calls. */
export class WebhookReceiver {
  readonly calls: WebhookCall[] = [];
  private secret = '';
  private server?: Server;

  /** Sets the subscription secret that signatures are checked with. */
  useSecret(secret: string): void {
    this.secret = secret;
  }

  async start(): Promise<string> {
    const server = createServer((request, response) => {
      readBody(request)
        .then((body) => {
          this.record(request, body);
          response.writeHead(204).end();
        })
        .catch(() => response.writeHead(400).end());
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/deskflow`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;

    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private record(request: IncomingMessage, body: string): void {
    const header = (name: string) => String(request.headers[name] ?? '');
    let event: { id?: string; type?: string; subject?: string } = {};
    try {
      event = JSON.parse(body);
    } catch {
      // An unreadable body is still recorded, with empty event fields.
    }
    this.calls.push({
      receivedAt: Date.now(),
      deliveryId: header('x-deskflow-delivery'),
      eventId: event.id ?? '',
      eventType: event.type ?? '',
      subject: event.subject ?? '',
      signatureValid: signatureMatches(
        this.secret,
        header('x-deskflow-timestamp'),
        body,
        header('x-deskflow-signature'),
      ),
    });
  }
}
