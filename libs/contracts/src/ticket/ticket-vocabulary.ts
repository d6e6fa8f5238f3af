export const TICKET_STATE_TYPES = [
  'new',
  'open',
  'pending_reminder',
  'pending_customer',
  'resolved',
  'closed',
  'merged',
] as const;
export type TicketStateType = (typeof TICKET_STATE_TYPES)[number];

/** State types that pause SLA clocks by default. */
export const PENDING_STATE_TYPES: readonly TicketStateType[] = [
  'pending_reminder',
  'pending_customer',
];

export const TICKET_PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

export const TICKET_TYPES = [
  'incident',
  'service_request',
  'question',
  'problem',
  'change',
] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export const CHANNELS = ['email', 'portal', 'phone', 'chat', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Channels on which a public agent article counts as a response to the customer. */
export const COMMUNICATION_CHANNELS: readonly Channel[] = ['email', 'portal', 'phone', 'chat'];

export const SENDER_TYPES = ['customer', 'agent', 'system'] as const;
export type SenderType = (typeof SENDER_TYPES)[number];

export const ARTICLE_VISIBILITIES = ['public', 'internal'] as const;
export type ArticleVisibility = (typeof ARTICLE_VISIBILITIES)[number];

/** Whether an article is a message exchanged with the customer or an agent note. */
export const ARTICLE_KINDS = ['message', 'note'] as const;
export type ArticleKind = (typeof ARTICLE_KINDS)[number];

export const LINK_TYPES = ['related', 'parent_child', 'duplicate'] as const;
export type LinkType = (typeof LINK_TYPES)[number];

export const ORGANISATION_TIERS = ['standard', 'silver', 'gold', 'platinum'] as const;
export type OrganisationTier = (typeof ORGANISATION_TIERS)[number];

export const LOCALES = ['en', 'de'] as const;
export type Locale = (typeof LOCALES)[number];
