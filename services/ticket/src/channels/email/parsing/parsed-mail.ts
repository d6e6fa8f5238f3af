/** A mailbox address as it appeared in a header, with the display name decoded. */
export interface MailAddress {
  /** Lower-cased addr-spec, e.g. `erika@example.org`. */
  address: string;
  name: string;
}

export interface ParsedAttachment {
  filename: string;
  /** The type the part declared; the article writer detects the stored type from the bytes. */
  declaredType: string;
  content: Buffer;
  /** True for parts referenced from the HTML body by `cid:`, such as inline images. */
  inline: boolean;
  contentId: string | null;
}

/** An inbound message reduced to what the ticket needs, with every text decoded to Unicode. */
export interface ParsedMail {
  messageId: string | null;
  inReplyTo: string | null;
  /** Message-IDs from References, oldest first. */
  references: string[];
  subject: string;
  from: MailAddress | null;
  replyTo: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  date: Date | null;
  /** Every header by lower-cased name, each value unfolded; repeated headers keep each value. */
  headers: Record<string, string[]>;
  text: string;
  /** The HTML part as sent; the article writer sanitises it before storing. */
  html: string | null;
  attachments: ParsedAttachment[];
  /** The top-level Content-Type with its parameters, e.g. `multipart/report; report-type=delivery-status`. */
  contentType: string;
}
