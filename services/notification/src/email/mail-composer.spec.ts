import {
  autoResponseHeaders,
  composeMail,
  preparedSubjectHeader,
  subjectWithTicketNumber,
} from './mail-composer';
import { decodeUnstructuredHeader } from '../../test/mail-headers';
import { generateMessageId, ticketNumberOfMessageId } from './message-id';

const rendered = { subject: 'Hello', text: 'text', html: '<p>html</p>' };

describe('autoResponseHeaders', () => {
  it('marks an acknowledgement as auto-replied', () => {
    expect(autoResponseHeaders('acknowledgement')).toEqual({
      'Auto-Submitted': 'auto-replied',
      'X-Auto-Response-Suppress': 'All',
    });
  });

  it('marks notifications and digests as auto-generated', () => {
    for (const kind of ['notification', 'digest'] as const) {
      expect(autoResponseHeaders(kind)['Auto-Submitted']).toBe('auto-generated');
      expect(autoResponseHeaders(kind)['X-Auto-Response-Suppress']).toBe('All');
    }
  });

  it('leaves an agent reply unmarked', () => {
    expect(autoResponseHeaders('agent_reply')).toEqual({});
  });
});

describe('subjectWithTicketNumber', () => {
  it('adds the ticket number when missing', () => {
    expect(subjectWithTicketNumber('Printer broken', '1042')).toBe('[#1042] Printer broken');
  });

  it('keeps a subject that already has it', () => {
    expect(subjectWithTicketNumber('Re: [#1042] Printer', '1042')).toBe('Re: [#1042] Printer');
  });

  it('keeps the tag a template put there', () => {
    expect(subjectWithTicketNumber('[#1043] Continues in #1043', '1042')).toBe(
      '[#1043] Continues in #1043',
    );
  });

  it('removes line breaks that would inject headers', () => {
    expect(subjectWithTicketNumber('a\r\nBcc: x@example.org', null)).toBe('a Bcc: x@example.org');
  });
});

describe('preparedSubjectHeader', () => {
  it('leaves an ordinary subject to nodemailer', () => {
    expect(preparedSubjectHeader('[#1042] Drucker <Etage 3> & "Büro"')).toBeNull();
  });

  it('encodes a subject containing =?', () => {
    const subject = '[#1042] Subject reads =?utf-8?B?SGFsbG8=?= <literally>';
    const header = preparedSubjectHeader(subject);
    const lines = `Subject: ${header?.value}`.split('\r\n');

    expect(header?.prepared).toBe(true);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(78);
    expect(decodeUnstructuredHeader(lines)).toBe(subject);
  });
});

describe('composeMail', () => {
  it('sets the threading headers', () => {
    const mail = composeMail({
      kind: 'notification',
      to: 'anna@example.org',
      from: 'desk@example.org',
      ticketNumber: '1042',
      messageId: '<m1.1042@desk>',
      threading: { inReplyTo: '<root@customer>', references: ['<root@customer>'] },
      rendered,
    });

    expect(mail.messageId).toBe('<m1.1042@desk>');
    expect(mail.inReplyTo).toBe('<root@customer>');
    expect(mail.references).toEqual(['<root@customer>']);
    expect(mail.subject).toBe('[#1042] Hello');
  });
});

describe('generateMessageId', () => {
  it('embeds the ticket number so a reply can be threaded', () => {
    const id = generateMessageId('support.deskflow.local', '1042');

    expect(id).toMatch(/^<[0-9a-f]{32}\.1042@support\.deskflow\.local>$/);
    expect(ticketNumberOfMessageId(id, 'support.deskflow.local')).toBe('1042');
  });

  it('returns null for a foreign Message-ID', () => {
    expect(ticketNumberOfMessageId('<abc@example.org>', 'support.deskflow.local')).toBeNull();
  });
});
