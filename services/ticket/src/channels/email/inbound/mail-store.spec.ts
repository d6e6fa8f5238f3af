import { bodyHash, storageMessageId } from './mail-store';

describe('storageMessageId', () => {
  it('reads a folded Message-ID', () => {
    expect(
      storageMessageId(Buffer.from('Subject: x\r\nMessage-ID:\r\n <a1@Example.ORG>\r\n\r\nbody')),
    ).toBe('<a1@example.org>');
  });

  it('ignores a Message-ID in the body', () => {
    const id = storageMessageId(Buffer.from('Subject: x\r\n\r\nMessage-ID: <b@example.org>\r\n'));

    expect(id).toMatch(/^<[0-9a-f]{64}@no-message-id\.invalid>$/);
  });

  it('derives the same id from the same bytes', () => {
    const raw = Buffer.from('Subject: x\n\nbody\n');

    expect(storageMessageId(raw)).toBe(storageMessageId(Buffer.from(raw)));
  });
});

describe('bodyHash', () => {
  it('ignores headers and line endings', () => {
    const viaMta = Buffer.from('Received: from a\r\nMessage-ID: <x@y>\r\n\r\nHallo\r\nWelt\r\n');
    const viaImap = Buffer.from(
      'Received: from b\nReceived: from c\nMessage-ID: <x@y>\n\nHallo\nWelt\n',
    );

    expect(bodyHash(viaMta)).toBe(bodyHash(viaImap));
  });

  it('tells different bodies apart', () => {
    expect(bodyHash(Buffer.from('A: b\n\nHallo'))).not.toBe(
      bodyHash(Buffer.from('A: b\n\nTschüss')),
    );
  });
});
