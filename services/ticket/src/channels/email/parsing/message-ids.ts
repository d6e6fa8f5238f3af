const MESSAGE_ID = /<[^<>\s]+>/g;

/** Extracts every `<id>` from a Message-ID, In-Reply-To or References value, in order. */
export function extractMessageIds(value: string | null | undefined): string[] {
  if (!value) return [];

  const bracketed = value.match(MESSAGE_ID);
  if (bracketed) return bracketed.map(normaliseMessageId);

  // Some senders omit the brackets; a single bare token is still an identifier.
  const bare = value.trim();

  return /^[^\s<>]+@[^\s<>]+$/.test(bare) ? [`<${bare}>`] : [];
}

/** Lower-cases the domain part, which RFC 5322 treats case-insensitively; the local part stays. */
export function normaliseMessageId(id: string): string {
  const inner = id.trim().replace(/^<|>$/g, '');
  const at = inner.lastIndexOf('@');
  if (at < 0) return `<${inner}>`;

  return `<${inner.slice(0, at)}@${inner.slice(at + 1).toLowerCase()}>`;
}
