import { checkChatSignature, signChatPayload } from './chat-signature';

const BODY = Buffer.from('{"conversationId":"c1"}');
const NOW = new Date('2026-12-04T10:00:00Z');
const TIMESTAMP = String(NOW.getTime() / 1000);

describe('checkChatSignature', () => {
  it('accepts a valid signature', () => {
    expect(
      checkChatSignature(
        'secret',
        TIMESTAMP,
        signChatPayload('secret', TIMESTAMP, BODY),
        BODY,
        NOW,
      ),
    ).toBeNull();
  });

  it('rejects another body', () => {
    const signature = signChatPayload('secret', TIMESTAMP, BODY);

    expect(checkChatSignature('secret', TIMESTAMP, signature, Buffer.from('{}'), NOW)).toContain(
      'does not match',
    );
  });

  it('rejects a missing signature', () => {
    expect(checkChatSignature('secret', TIMESTAMP, undefined, BODY, NOW)).toContain(
      'missing X-Deskflow-Signature',
    );
  });

  it.each([[undefined], ['abc'], [String(NOW.getTime() / 1000 - 301)]])(
    'rejects the timestamp %s',
    (timestamp) => {
      const signature = signChatPayload('secret', timestamp ?? '', BODY);

      expect(checkChatSignature('secret', timestamp, signature, BODY, NOW)).toContain(
        'X-Deskflow-Timestamp',
      );
    },
  );
});
