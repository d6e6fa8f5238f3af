import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A mail as a sink recorded it. */
export interface SinkMail {
  receivedAt: number;
  to: string[];
  subject: string;
  /** Message-ID without angle brackets; empty when the header is missing. */
  messageId: string;
  inReplyTo: string;
}

/** Where the demo reads delivered mail from. */
export interface MailSink {
  messages(): Promise<SinkMail[]>;
}

/** Reads one header of a raw message, unfolding continuation lines. */
export function headerOf(raw: string, name: string): string {
  const end = raw.search(/\r?\n\r?\n/);
  const head = (end >= 0 ? raw.slice(0, end) : raw).replace(/\r?\n[ \t]+/g, ' ');
  const match = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head);

  return match ? match[1].trim() : '';
}

function bareId(value: string): string {
  return value.replace(/^<|>$/g, '');
}

export function toSinkMail(raw: string, to: string[], receivedAt: number): SinkMail {
  return {
    receivedAt,
    to,
    subject: headerOf(raw, 'Subject'),
    messageId: bareId(headerOf(raw, 'Message-ID')),
    inReplyTo: bareId(headerOf(raw, 'In-Reply-To')),
  };
}

/** The JSON list of the development SMTP sink that `npm start` runs (scripts/smtp-sink.mjs). */
export class HttpMailSink implements MailSink {
  constructor(private readonly url: string) {}

  async messages(): Promise<SinkMail[]> {
    const response = await fetch(this.url, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`GET ${this.url} returned ${response.status}`);
    const items = (await response.json()) as { receivedAt: string; to: string[]; raw: string }[];

    return items.map((item) => toSinkMail(item.raw, item.to, Date.parse(item.receivedAt)));
  }
}

/** An SMTP server on 127.0.0.1 that keeps every mail in memory, for tests and benchmarks. */
export class SmtpCapture implements MailSink {
  readonly mails: SinkMail[] = [];
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((recipient) => recipient.address);
        this.mails.push(toSinkMail(Buffer.concat(chunks).toString('utf8'), to, Date.now()));
        callback();
      });
    },
  });

  /** Starts listening on a free port and returns the SMTP URL for the notification service. */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.server.address() as AddressInfo;

    return `smtp://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  async messages(): Promise<SinkMail[]> {
    return [...this.mails];
  }
}
