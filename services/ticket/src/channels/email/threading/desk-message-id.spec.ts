import { ticketNumberInMessageId } from './desk-message-id';

describe('ticketNumberInMessageId', () => {
  it.each([
    ['<r1.1042@support.example.com>', '1042'],
    ['<0f3c2a.2026120410000012@Support.Example.com>', '2026120410000012'],
    [
      '<9b1e7c1a-3d1f-4c2e-9f57-0c1d2e3f4a5b.2026120410000012@support.example.com>',
      '2026120410000012',
    ],
  ])('reads %s', (messageId, number) => {
    expect(ticketNumberInMessageId(messageId, 'support.example.com')).toBe(number);
  });

  it.each([
    ['<r1.1042@mail.example.org>'],
    ['<m1@support.example.com>'],
    ['<r1.x1042@support.example.com>'],
  ])('ignores %s', (messageId) => {
    expect(ticketNumberInMessageId(messageId, 'support.example.com')).toBeNull();
  });
});
