import { emailFixture, plainMail } from '../../../../test/support/email-fixtures';
import { parseMail } from '../parsing/mail-parser';
import { classifyMail } from './mail-classifier';

const DESK = new Set(['support@example.com']);

async function classifyHeaders(headers: Record<string, string>) {
  const mail = await parseMail(
    plainMail({ From: 'someone@example.org', Subject: 'Frage', ...headers }),
  );

  return classifyMail(mail, DESK);
}

describe('classifyMail', () => {
  it.each([
    [{ 'Auto-Submitted': 'auto-replied' }, 'Auto-Submitted: auto-replied'],
    [{ 'Auto-Submitted': 'auto-generated' }, 'Auto-Submitted: auto-generated'],
    [{ Precedence: 'bulk' }, 'Precedence: bulk'],
    [{ Precedence: 'junk' }, 'Precedence: junk'],
    [{ Precedence: 'list' }, 'Precedence: list'],
    [{ 'X-Auto-Response-Suppress': 'All' }, 'X-Auto-Response-Suppress: All'],
    [{ 'X-Auto-Response-Suppress': 'AutoReply' }, 'X-Auto-Response-Suppress: AutoReply'],
    [{ 'X-Auto-Response-Suppress': 'DR, OOF' }, 'X-Auto-Response-Suppress: DR, OOF'],
    [{ 'List-Id': '<it-news.example.org>' }, 'List-Id'],
    [{ 'Return-Path': '<>' }, 'null Return-Path'],
  ])('marks %j as automatic', async (headers, marker) => {
    const classification = await classifyHeaders(headers);

    expect(classification.kind).toBe('regular');
    expect(classification.autoReplyMarkers).toEqual([marker]);
  });

  it.each([
    [{}],
    [{ 'Auto-Submitted': 'no' }],
    [{ Precedence: 'first-class' }],
    [{ 'X-Auto-Response-Suppress': 'DR, RN' }],
    [{ 'Return-Path': '<someone@example.org>' }],
  ])('allows an acknowledgement for %j', async (headers) => {
    const classification = await classifyHeaders(headers);

    expect(classification.kind).toBe('regular');
    expect(classification.autoReplyMarkers).toEqual([]);
  });

  it.each([
    ['Auto reply: Nyaan'],
    ['Automatic reply: Meeting'],
    ['Abwesenheitsnotiz: Re: Drucker'],
    ['Out of Office: back Monday'],
  ])('marks the subject %s as automatic', async (subject) => {
    const classification = await classifyHeaders({ Subject: subject });

    expect(classification.autoReplyMarkers).toEqual(['auto-reply subject']);
  });

  it('recognises the desk address as sender', async () => {
    const classification = await classifyHeaders({ From: 'Support <Support@Example.com>' });

    expect(classification.kind).toBe('own_address');
  });

  it('reads the failed recipient and original id of a DSN', async () => {
    const mail = await parseMail(emailFixture('bounce-dsn.eml'));
    const classification = classifyMail(mail, DESK);

    expect(classification.kind).toBe('bounce');
    expect(classification.deliveryReport).toEqual({
      action: 'failed',
      recipients: ['gone@example.org'],
      statuses: ['5.1.1'],
      originalMessageIds: ['<0a1b2c3d.2026120410000012@support.example.com>'],
    });
  });

  it('reads X-Failed-Recipients of a vendor bounce', async () => {
    const mail = await parseMail(
      plainMail(
        {
          From: 'Mail Delivery System <Mailer-Daemon@mx.example.net>',
          Subject: 'Mail delivery failed: returning message to sender',
          'X-Failed-Recipients': 'lost@example.net',
        },
        'This message was created automatically.\r\n\r\n  lost@example.net\r\n    retry timeout exceeded\r\n\r\n' +
          '------ This is a copy of the message, including all the headers. ------\r\n' +
          'Message-ID: <abc.2026120410000001@support.example.com>\r\n',
      ),
    );
    const classification = classifyMail(mail, DESK);

    expect(classification.kind).toBe('bounce');
    expect(classification.deliveryReport?.recipients).toEqual(['lost@example.net']);
    expect(classification.deliveryReport?.originalMessageIds).toEqual([
      '<abc.2026120410000001@support.example.com>',
    ]);
  });

  it('keeps an auto-reply a regular mail', async () => {
    const mail = await parseMail(emailFixture('auto-reply.eml'));
    const classification = classifyMail(mail, DESK);

    expect(classification.kind).toBe('regular');
    expect(classification.autoReplyMarkers).toEqual([
      'Auto-Submitted: auto-replied',
      'X-Auto-Response-Suppress: All',
      'auto-reply subject',
    ]);
    expect(mail.text).toBe('Ich bin bis Montag nicht im Büro.');
  });
});
