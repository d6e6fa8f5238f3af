// A local SMTP sink for development: accepts every mail on SMTP_SINK_PORT (default 1025) and
// lists what arrived as JSON at http://127.0.0.1:HTTP_PORT/messages (default 8025).
// Messages are kept in memory and lost when the sink stops.
import { createServer } from 'node:http';
import { SMTPServer } from 'smtp-server';

const smtpPort = Number(process.env.SMTP_SINK_PORT ?? 1025);
const httpPort = Number(process.env.SMTP_SINK_HTTP_PORT ?? 8025);
const maxMessages = Number(process.env.SMTP_SINK_MAX_MESSAGES ?? 5000);
const messages = [];

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const headerEnd = raw.search(/\r?\n\r?\n/);
      const headers = headerEnd >= 0 ? raw.slice(0, headerEnd) : raw;
      const subject = /^Subject: (.*)$/im.exec(headers)?.[1] ?? '';
      messages.push({
        receivedAt: new Date().toISOString(),
        from: session.envelope.mailFrom?.address ?? '',
        to: session.envelope.rcptTo.map((recipient) => recipient.address),
        subject,
        raw,
      });
      if (messages.length > maxMessages) messages.shift();
      callback();
    });
  },
});

const http = createServer((request, response) => {
  if (request.method === 'DELETE' && request.url === '/messages') {
    messages.length = 0;
    response.writeHead(204).end();
    return;
  }
  if (request.url === '/messages') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(messages));
    return;
  }
  response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(
    messages
      .map((message) => `${message.receivedAt}  ${message.to.join(', ')}  ${message.subject}`)
      .join('\n') || 'no mail yet\n',
  );
});

smtp.listen(smtpPort, '127.0.0.1', () => {
  http.listen(httpPort, '127.0.0.1', () => {
    console.log(
      `SMTP sink on 127.0.0.1:${smtpPort}, messages at http://127.0.0.1:${httpPort}/messages`,
    );
  });
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    smtp.close(() => http.close(() => process.exit(0)));
  });
}
