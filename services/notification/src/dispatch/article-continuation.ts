const NOTES: Record<string, (ticketUrl: string) => string> = {
  en: (ticketUrl) => `[The message continues in the portal: ${ticketUrl}]`,
  de: (ticketUrl) => `[Die Nachricht geht im Portal weiter: ${ticketUrl}]`,
};

/**
 * Appends to an article body that its event carried cut (`bodyTruncated`) a line in the
 * recipient's language that links to the ticket, where the whole text is.
 */
export function withContinuationNote(body: string, locale: string, ticketUrl: string): string {
  const note = NOTES[locale] ?? NOTES.en;

  return `${body}\n\n${note(ticketUrl)}`;
}
