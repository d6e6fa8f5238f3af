import { TicketServiceFixture } from './ticket-service.fixture';

export interface TestMail {
  from: string;
  subject: string;
  messageId: string;
  to?: string;
  cc?: string;
  inReplyTo?: string;
  references?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Builds a plain UTF-8 message; non-ASCII subjects are sent as an RFC 2047 encoded-word. */
export function buildMail(mail: TestMail): Buffer {
  const subject = /^[\x20-\x7e]*$/.test(mail.subject)
    ? mail.subject
    : `=?UTF-8?B?${Buffer.from(mail.subject, 'utf8').toString('base64')}?=`;
  const headers: Record<string, string | undefined> = {
    From: mail.from,
    To: mail.to ?? 'support@example.com',
    Cc: mail.cc,
    Subject: subject,
    'Message-ID': mail.messageId,
    'In-Reply-To': mail.inReplyTo,
    References: mail.references,
    'MIME-Version': '1.0',
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Transfer-Encoding': '8bit',
    ...mail.headers,
  };
  const lines = Object.entries(headers)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}: ${value}`);

  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${mail.body ?? 'Hallo'}\r\n`, 'utf8');
}

/** Posts a raw message to the MTA endpoint as the admin and returns the ingestion result. */
export async function ingestRaw(fixture: TicketServiceFixture, raw: Buffer): Promise<any> {
  const response = await fixture.expectStatus(200, 'POST', '/channels/email/inbound', {
    token: fixture.admin.token,
    rawBody: raw,
    headers: { 'content-type': 'message/rfc822' },
  });

  return response.body;
}

export async function articlesOf(fixture: TicketServiceFixture, ticketId: string): Promise<any[]> {
  const response = await fixture.expectStatus(200, 'GET', `/tickets/${ticketId}/articles`, {
    token: fixture.admin.token,
  });

  return response.body;
}

export async function ticketOf(fixture: TicketServiceFixture, ticketId: string): Promise<any> {
  const response = await fixture.expectStatus(200, 'GET', `/tickets/${ticketId}`, {
    token: fixture.admin.token,
  });

  return response.body;
}
