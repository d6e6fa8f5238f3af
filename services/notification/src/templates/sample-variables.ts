/** Values a template preview uses where the request gives none. */
export const SAMPLE_VARIABLES: Record<string, unknown> = {
  ticketId: '00000000-0000-4000-8000-000000001042',
  ticketNumber: '1042',
  ticketTitle: 'Printer on floor 3 does not print',
  queueName: 'IT',
  priority: 'P2',
  customerName: 'Erika Mustermann',
  ownerName: 'Anna Agent',
  authorName: 'Anna Agent',
  recipientName: 'Erika Mustermann',
  articleBody: 'The printer shows error E42 since this morning.',
  internal: false,
  replySubject: 'Re: [#1042] Printer on floor 3 does not print',
  ratingUrl:
    'http://127.0.0.1:3000/portal/tickets/00000000-0000-4000-8000-000000001042/satisfaction',
  ticketUrl: 'http://127.0.0.1:3000/portal/tickets/00000000-0000-4000-8000-000000001042',
  targetNumber: '1040',
  changes: [{ field: 'priority', before: 'P3', after: 'P2' }],
  clockKind: 'first_response',
  dueAtIso: '2026-11-16T10:00:00Z',
  policyName: 'Standard',
  count: 3,
  items: [
    { ticketNumber: '1042', summary: 'Assigned to you: Printer on floor 3 does not print' },
    { ticketNumber: '1043', summary: 'Assigned to you: VPN drops every hour' },
    { ticketNumber: '1044', summary: 'Assigned to you: New laptop for Ben' },
  ],
};
