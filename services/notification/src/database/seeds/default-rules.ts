/** A rule as the seed migration inserts it; the columns match `notification_rule`. */
export interface RuleSeed {
  name: string;
  eventType: string;
  recipients: string[];
  conditions: Record<string, unknown>;
  templateKey: string;
  channels: string[];
  includeActor?: boolean;
  digestible?: boolean;
  position: number;
}

/**
 * The rules a fresh installation starts with. Agents get email only by default, so one event
 * gives each person one notification; an agent adds the in-app channel through preferences.
 */
export const DEFAULT_RULES: RuleSeed[] = [
  {
    name: 'Acknowledge a new ticket to its customer',
    eventType: 'ticket.created',
    recipients: ['customer'],
    conditions: {},
    templateKey: 'ticket_acknowledged',
    channels: ['email'],
    includeActor: true,
    digestible: false,
    position: 10,
  },
  {
    name: 'Tell the queue about a new unassigned ticket',
    eventType: 'ticket.created',
    recipients: ['queue_agents'],
    conditions: { unassigned: true },
    templateKey: 'ticket_created',
    channels: ['email'],
    position: 20,
  },
  {
    name: 'Send a public agent reply to the customer',
    eventType: 'ticket.article_added',
    recipients: ['customer'],
    conditions: { senderTypes: ['agent'], visibilities: ['public'], articleKinds: ['message'] },
    templateKey: 'agent_reply',
    channels: ['email'],
    digestible: false,
    position: 10,
  },
  {
    name: 'Tell the owner and watchers about a customer reply',
    eventType: 'ticket.article_added',
    recipients: ['owner', 'watchers'],
    conditions: { senderTypes: ['customer'] },
    templateKey: 'customer_replied',
    channels: ['email'],
    position: 20,
  },
  {
    name: 'Tell the owner and watchers about an agent article',
    eventType: 'ticket.article_added',
    recipients: ['owner', 'watchers'],
    conditions: { senderTypes: ['agent'] },
    templateKey: 'article_added',
    channels: ['email'],
    position: 30,
  },
  {
    name: 'Tell the new owner about an assignment',
    eventType: 'ticket.assigned',
    recipients: ['owner'],
    conditions: {},
    templateKey: 'ticket_assigned',
    channels: ['email'],
    position: 10,
  },
  {
    name: 'Tell the owner and watchers about changed fields',
    eventType: 'ticket.updated',
    recipients: ['owner', 'watchers'],
    conditions: {},
    templateKey: 'ticket_updated',
    channels: ['email'],
    position: 10,
  },
  {
    name: 'Ask the customer to rate a resolved ticket',
    eventType: 'ticket.state_changed',
    recipients: ['customer'],
    conditions: { toStateTypes: ['resolved'] },
    templateKey: 'ticket_resolved',
    channels: ['email'],
    digestible: false,
    position: 10,
  },
  {
    name: 'Tell the customer where a merged ticket continues',
    eventType: 'ticket.merged',
    recipients: ['customer'],
    conditions: {},
    templateKey: 'ticket_merged',
    channels: ['email'],
    digestible: false,
    position: 10,
  },
  {
    name: 'Warn the owner before an SLA breach',
    eventType: 'sla.warning',
    recipients: ['owner'],
    conditions: {},
    templateKey: 'sla_warning',
    channels: ['email'],
    digestible: false,
    position: 10,
  },
  {
    name: 'Escalate an SLA breach to the owner and the queue contacts',
    eventType: 'sla.breached',
    recipients: ['owner', 'escalation_contacts'],
    conditions: {},
    templateKey: 'sla_breached',
    channels: ['email'],
    digestible: false,
    position: 10,
  },
  {
    name: 'Remind the owner of a due pending reminder',
    eventType: 'ticket.pending_reminder_reached',
    recipients: ['owner'],
    conditions: {},
    templateKey: 'pending_reminder',
    channels: ['email'],
    position: 10,
  },
];
