/**
 * Returns the ticket number inside a Message-ID the desk generated, or null. Outgoing articles
 * and notifications use `<{unique}.{ticketNumber}@{mailDomain}>`, so a reply that names one in
 * In-Reply-To or References identifies its ticket even when the subject lost its tag.
 */
export function ticketNumberInMessageId(messageId: string, mailDomain: string): string | null {
  const match = /^<([^@>]+)@([^>]+)>$/.exec(messageId.trim());
  if (!match || match[2].toLowerCase() !== mailDomain.toLowerCase()) return null;

  const number = /\.(\d{1,32})$/.exec(match[1]);

  return number ? number[1] : null;
}
