// A local SMTP sink for development: accepts every mail on SMTP_SINK_PORT (default 1025) and
// lists what arrived as JSON at http://127.0.0.1:HTTP_PORT/messages (default 8025).
// Messages are kept in memory and lost when the sink stops. Port 0 picks a free port, and the
// start line prints the ports in use.
import { createServer } from 'node:http';
import { simpleParser } from 'mailparser';
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
    stream.on('end', async () => {
      const raw = Buffer.concat(chunks);
      // Added before parsing, so the list keeps the order of arrival.
      const message = {
        receivedAt: new Date().toISOString(),
        from: session.envelope.mailFrom?.address ?? '',
        to: session.envelope.rcptTo.map((recipient) => recipient.address),
        subject: '',
        raw: raw.toString('utf8'),
      };
      messages.push(message);
      if (messages.length > maxMessages) messages.shift();
      message.subject = await subjectOf(raw, message.from);
      callback();
    });
  },
});

/**
 * Returns the Subject header as a reader sees it: folded lines joined (RFC 5322) and encoded
 * words such as `=?UTF-8?Q?...?=` decoded (RFC 2047), both by mailparser.
 */
async function subjectOf(raw, from) {
  try {
    const parsed = await simpleParser(raw, {
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipImageLinks: true,
    });

    return parsed.subject ?? '';
  } catch (error) {
    console.error(`failed to parse the message from <${from}>: ${error.message}`);

    return '';
  }
}

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
      `SMTP sink on 127.0.0.1:${smtp.server.address().port}, messages at http://127.0.0.1:${http.address().port}/messages`,
    );
  });
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    smtp.close(() => http.close(() => process.exit(0)));
  });
}
