import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/** A local HTTP receiver that responds with scripted status codes, then 200, and records requests. */
export class WebhookReceiver {
  readonly requests: ReceivedRequest[] = [];
  private server: Server | undefined;
  private listeningPort = 0;
  private responsesReleased: Promise<void> = Promise.resolve();

  /**
   * @param statuses the status of each request in turn; 200 after the last one
   * @param host the loopback address to listen on
   * @param responseHeaders headers of every response, such as a redirect's `location`
   */
  constructor(
    private readonly statuses: number[] = [],
    private readonly host = '127.0.0.1',
    private readonly responseHeaders: Record<string, string> = {},
  ) {}

  get port(): number {
    return this.listeningPort;
  }

  get url(): string {
    return `http://${this.host}:${this.listeningPort}/hook`;
  }

  /**
   * Records requests at once but delays their responses until the returned function is called,
   * so a test can change state while an attempt is in flight.
   */
  delayResponses(): () => void {
    let release!: () => void;
    this.responsesReleased = new Promise<void>((resolve) => (release = resolve));

    return release;
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', async () => {
        const status = this.statuses[this.requests.length] ?? 200;
        this.requests.push({
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          status,
        });
        await this.responsesReleased;
        response
          .writeHead(status, { 'content-type': 'text/plain', ...this.responseHeaders })
          .end(status < 300 ? 'ok' : 'failed');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, this.host, resolve));
    this.listeningPort = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
