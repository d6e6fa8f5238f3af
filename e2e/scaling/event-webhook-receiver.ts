import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** One request and the status the receiver returned for it. */
export interface WebhookAttempt {
  eventId: string;
  status: number;
}

/**
 * An HTTP receiver on 127.0.0.1 that responds to each CloudEvent id with the scripted statuses
 * in turn, then 200, so every event meets the same failures however deliveries interleave.
 */
export class EventWebhookReceiver {
  readonly attempts: WebhookAttempt[] = [];
  private server: Server | undefined;
  private port = 0;

  constructor(private readonly statuses: number[]) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const eventId = String(JSON.parse(Buffer.concat(chunks).toString('utf8')).id);
        const status = this.statuses[this.attemptsOf(eventId).length] ?? 200;
        this.attempts.push({ eventId, status });
        response
          .writeHead(status, { 'content-type': 'text/plain' })
          .end(status < 300 ? 'ok' : 'failed');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  attemptsOf(eventId: string): WebhookAttempt[] {
    return this.attempts.filter((attempt) => attempt.eventId === eventId);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
