import { randomUUID } from 'node:crypto';

/**
 * Generates `<{unique}.{ticketNumber}@{domain}>`. The ticket number inside lets the inbound
 * side thread a reply to any of our mails even when the subject was changed.
 */
export function generateMessageId(domain: string, ticketNumber: string | null): string {
  const unique = randomUUID().replace(/-/g, '');

  return ticketNumber ? `<${unique}.${ticketNumber}@${domain}>` : `<${unique}@${domain}>`;
}

/** Extracts the ticket number from a Message-ID this service generated, or null. */
export function ticketNumberOfMessageId(messageId: string, domain: string): string | null {
  const escapedDomain = domain.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`^<[0-9a-f]{32}\\.([^@>]+)@${escapedDomain}>$`, 'i').exec(
    messageId.trim(),
  );

  return match ? match[1] : null;
}
