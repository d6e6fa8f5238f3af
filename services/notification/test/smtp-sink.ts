import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A message as the sink received it. */
export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Header names in lower case; values as written in the message. */
  headers: Map<string, string>;
  messageId: string | undefined;
  inReplyTo: string | undefined;
  references: string[];
  /** The message exactly as the client sent it after DATA, with CRLF line endings. */
  raw: string;
  receivedAt: number;
}

function headerText(parsed: ParsedMail, name: string): string | undefined {
  const line = parsed.headerLines.find((header) => header.key === name);

  return line ? line.line.slice(line.line.indexOf(':') + 1).trim() : undefined;
}

/** A real SMTP server on 127.0.0.1 and a random port that keeps every message it receives. */
export class SmtpSink {
  readonly mails: ReceivedMail[] = [];
  /** SMTP connections accepted so far. */
  connections = 0;
  private server: SMTPServer | undefined;
  private port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onConnect: (_session, callback) => {
        this.connections++;
        callback();
      },
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', (error: Error) => callback(error));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          simpleParser(raw)
            .then((parsed) => {
              this.mails.push(this.toMail(parsed, raw.toString('latin1')));
              callback();
            })
            .catch((error: Error) => callback(error));
        });
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  to(address: string): ReceivedMail[] {
    return this.mails.filter((mail) => mail.to.includes(address.toLowerCase()));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private toMail(parsed: ParsedMail, raw: string): ReceivedMail {
    const recipients = [parsed.to ?? []]
      .flat()
      .flatMap((group) => group.value.map((entry) => entry.address ?? ''));
    const references = parsed.references === undefined ? [] : [parsed.references].flat();
    const headers = new Map<string, string>();
    for (const line of parsed.headerLines)
      headers.set(line.key, headerText(parsed, line.key) ?? '');

    return {
      to: recipients.map((address) => address.toLowerCase()),
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: typeof parsed.html === 'string' ? parsed.html : '',
      headers,
      messageId: parsed.messageId,
      inReplyTo: parsed.inReplyTo,
      references,
      raw,
      receivedAt: Date.now(),
    };
  }
}
