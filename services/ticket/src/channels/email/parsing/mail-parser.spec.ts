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
});
