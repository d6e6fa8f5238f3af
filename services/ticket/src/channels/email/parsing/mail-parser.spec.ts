import { emailFixture } from '../../../../test/support/email-fixtures';
import { parseMail } from './mail-parser';

describe('parseMail', () => {
  it.each([['charset-windows-1252.eml'], ['charset-iso-8859-1.eml']])(
    'decodes %s as windows-1252',
    async (name) => {
      const mail = await parseMail(emailFixture(name));

      expect(mail.subject).toBe('Grüße aus Köln');
      expect(mail.from).toEqual({ address: 'juergen@example.net', name: 'Jürgen Müller' });
      expect(mail.text).toBe(
        'Die Rechnung über 120 \u20ac ist fällig \u2013 wir möchten\u2019s klären.',
      );
      expect(mail.html).toBe('<p>Grüße aus Köln</p>');
      expect(mail.text).not.toMatch(/[\u0080-\u009f]/);
    },
  );

  it('keeps UTF-8 as UTF-8 and joins adjacent encoded-words', async () => {
    const mail = await parseMail(emailFixture('charset-utf-8.eml'));

    expect(mail.subject).toBe('Drücker defekt \u2013 bitte helfen');
    expect(mail.from?.name).toBe('Áron Nagy');
    expect(mail.text).toBe('Der Drucker zeigt \u201ePapierstau\u201c \u2013 seit Montag.');
  });

  it('decodes RFC 2231 and encoded-word attachment names', async () => {
    const mail = await parseMail(emailFixture('attachment-names.eml'));

    expect(mail.attachments.map((attachment) => attachment.filename)).toEqual([
      'Rechnung März.pdf',
      'Übersicht Q1 Zahlen.xlsx',
      'Führerschein Rückseite.jpg',
      'übersicht.txt',
    ]);
    expect(mail.text).toBe('Anbei die Unterlagen.');
  });

  it('keeps a folded 1,600-character subject whole', async () => {
    const mail = await parseMail(emailFixture('long-subject.eml'));

    expect(mail.subject).toBe('Störung '.repeat(200));
    expect(mail.subject).toHaveLength(1600);
  });

  it('keeps inline images as attachments referenced by cid', async () => {
    const mail = await parseMail(emailFixture('inline-image.eml'));

    expect(mail.text).toBe('See the screenshot.');
    expect(mail.html).toContain('src="cid:shot1@example.org"');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({
      filename: 'shot.png',
      inline: true,
      contentId: 'shot1@example.org',
    });
  });

  it('reads thread headers oldest first', async () => {
    const raw = Buffer.from(
      'From: a@example.org\r\nSubject: x\r\nMessage-ID: <Own@Example.ORG>\r\n' +
        'In-Reply-To: <p2@example.org>\r\nReferences: <p1@example.org>\r\n <p2@example.org>\r\n\r\nbody\r\n',
    );
    const mail = await parseMail(raw);

    expect(mail.messageId).toBe('<Own@example.org>');
    expect(mail.inReplyTo).toBe('<p2@example.org>');
    expect(mail.references).toEqual(['<p1@example.org>', '<p2@example.org>']);
  });

  describe('raw 8-bit headers', () => {
    /** Joins text parts (written as UTF-8) and byte parts into one raw message. */
    function rawMail(...parts: (string | number[])[]): Buffer {
      return Buffer.concat(
        parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))),
      );
    }

    it('reads a windows-1252 subject and sender name', async () => {
      const mail = await parseMail(
        rawMail(
          'From: J',
          [0xfc],
          'rgen M',
          [0xfc],
          'ller <juergen@example.net>\r\nSubject: Gr',
          [0xfc, 0xdf],
          'e ',
          [0x96],
          ' 120 ',
          [0x80],
          '\r\nContent-Type: text/plain; charset=windows-1252\r\n\r\nf',
          [0xe4],
          'llig\r\n',
        ),
      );

      expect(mail.subject).toBe('Grüße \u2013 120 \u20ac');
      expect(mail.from).toEqual({ address: 'juergen@example.net', name: 'Jürgen Müller' });
      expect(mail.text).toBe('fällig');
    });

    it('keeps a raw UTF-8 subject', async () => {
      const mail = await parseMail(
        rawMail('From: a@example.net\r\nSubject: Grüße \u2013 Köln\r\n\r\nfällig\r\n'),
      );

      expect(mail.subject).toBe('Grüße \u2013 Köln');
      expect(mail.text).toBe('fällig');
    });

    it('reads a windows-1252 attachment name in a part header', async () => {
      const mail = await parseMail(
        rawMail(
          'From: a@example.net\r\nSubject: Anhang\r\n',
          'Content-Type: multipart/mixed;\r\n boundary="b1"\r\n\r\n',
          '--b1\r\nContent-Type: text/plain; charset=windows-1252\r\n\r\nSiehe Anhang ',
          [0x96],
          ' Gr',
          [0xfc, 0xdf],
          'e\r\n',
          '--b1\r\nContent-Type: application/pdf\r\n',
          'Content-Disposition: attachment; filename="Pr',
          [0xfc],
          'fung.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0=\r\n--b1--\r\n',
        ),
      );

      expect(mail.attachments.map((attachment) => attachment.filename)).toEqual(['Prüfung.pdf']);
      expect(mail.text).toBe('Siehe Anhang \u2013 Grüße');
    });

    it('decodes an ISO-2022-JP body and subject', async () => {
      const mail = await parseMail(
        rawMail(
          'From: a@example.jp\r\nSubject: =?ISO-2022-JP?B?GyRCJEskWyRzJDQbKEI=?=\r\n',
          'Content-Type: text/plain; charset=ISO-2022-JP\r\n\r\n',
          [...Buffer.from('1b2442244b245b247324341b2842', 'hex')],
          '\r\n',
        ),
      );

      expect(mail.subject).toBe('にほんご');
      expect(mail.text).toBe('にほんご');
    });
  });
});
