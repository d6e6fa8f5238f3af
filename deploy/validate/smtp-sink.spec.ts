import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { REPO_ROOT } from './service-sources';

const SINK = join(REPO_ROOT, 'scripts', 'smtp-sink.mjs');
const START_LINE = /SMTP sink on 127\.0\.0\.1:(\d+), messages at (http:\S+)/;

interface Sink {
  process: ChildProcess;
  smtpPort: number;
  messagesUrl: string;
}

async function startSink(): Promise<Sink> {
  const child = spawn(process.execPath, [SINK], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', SMTP_SINK_PORT: '0', SMTP_SINK_HTTP_PORT: '0' },
  });
  let output = '';
  for await (const chunk of child.stdout) {
    output += String(chunk);
    const match = START_LINE.exec(output);
    if (match) return { process: child, smtpPort: Number(match[1]), messagesUrl: match[2] };
  }
  throw new Error(`the SMTP sink exited before it printed its ports: ${output}`);
}

async function deliver(sink: Sink, subjectLines: string): Promise<void> {
  const transport = createTransport({ host: '127.0.0.1', port: sink.smtpPort, secure: false });
  const raw = [
    'From: desk@example.test',
    'To: customer@example.test',
    subjectLines,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Body',
    '',
  ].join('\r\n');
  await transport.sendMail({
    envelope: { from: 'desk@example.test', to: ['customer@example.test'] },
    raw,
  });
  transport.close();
}

async function lastSubject(sink: Sink): Promise<string> {
  const response = await fetch(sink.messagesUrl);
  const messages = (await response.json()) as { subject: string }[];

  return messages[messages.length - 1].subject;
}

describe('development SMTP sink', () => {
  let sink: Sink;

  beforeAll(async () => {
    sink = await startSink();
  });

  afterAll(async () => {
    if (!sink) return;
    sink.process.kill('SIGTERM');
    await once(sink.process, 'exit');
  });

  it('unfolds a folded Subject', async () => {
    await deliver(
      sink,
      'Subject: [#1] We received your request: Drucker im 2. OG\r\n druckt nicht',
    );

    expect(await lastSubject(sink)).toBe(
      '[#1] We received your request: Drucker im 2. OG druckt nicht',
    );
  });

  // RFC 2047 drops the whitespace between two encoded words, so the space is inside the first.
  it('decodes encoded words', async () => {
    await deliver(
      sink,
      'Subject: =?UTF-8?Q?Dr=C3=BCcker_im_2=2E_OG_?=\r\n =?UTF-8?B?ZHJ1Y2t0IG5pY2h0?=',
    );

    expect(await lastSubject(sink)).toBe('Drücker im 2. OG druckt nicht');
  });

  it('keeps an unencoded Subject', async () => {
    await deliver(sink, 'Subject: Printer on floor 2');

    expect(await lastSubject(sink)).toBe('Printer on floor 2');
  });
});
