import { randomBytes } from 'node:crypto';
import { DeskClient } from '../api/desk-client';
import { DESK_LEAD_EMAIL } from './desk-people';

export const MAJOR_INCIDENT_TEMPLATE = 'major_incident';
const MAJOR_INCIDENT_RULE = 'Tell the desk lead about a new P1 ticket';

/** The demo's own template, in both languages the desk serves. */
const MAJOR_INCIDENT_TEXTS = {
  en: {
    subject: '[#{{ticketNumber}}] New P1 ticket: {{ticketTitle}}',
    textBody: 'A P1 ticket arrived in queue {{queueName}} from {{customerName}}: {{ticketTitle}}.',
    htmlBody:
      '<p>A P1 ticket arrived in queue {{queueName}} from {{customerName}}: <strong>{{ticketTitle}}</strong>.</p>',
  },
  de: {
    subject: '[#{{ticketNumber}}] Neues P1-Ticket: {{ticketTitle}}',
    textBody:
      'In der Queue {{queueName}} ist ein P1-Ticket von {{customerName}} eingegangen: {{ticketTitle}}.',
    htmlBody:
      '<p>In der Queue {{queueName}} ist ein P1-Ticket von {{customerName}} eingegangen: <strong>{{ticketTitle}}</strong>.</p>',
  },
};

export interface WebhookSubscription {
  id: string;
  secret: string;
}

export interface SeededNotifications {
  /** Template keys that some enabled rule uses but that lack an English or German text. */
  missingTemplates: string[];
  rules: number;
}

interface Rule {
  id: string;
  name: string;
  templateKey: string;
  enabled: boolean;
}

/** Seeds a P1 rule with its German and English template and checks both languages of every rule. */
export class NotificationSeed {
  constructor(private readonly client: DeskClient) {}

  async seed(token: string): Promise<SeededNotifications> {
    for (const [locale, text] of Object.entries(MAJOR_INCIDENT_TEXTS)) {
      await this.client.call(
        'notification',
        'PUT',
        `/templates/${MAJOR_INCIDENT_TEMPLATE}/${locale}`,
        {
          token,
          body: text,
        },
      );
    }
    let rules = await this.client.get<Rule[]>('notification', '/rules', token);
    if (!rules.some((rule) => rule.name === MAJOR_INCIDENT_RULE)) {
      await this.client.post('notification', '/rules', token, {
        name: MAJOR_INCIDENT_RULE,
        eventType: 'ticket.created',
        recipients: [],
        emails: [DESK_LEAD_EMAIL],
        conditions: { priorities: ['P1'] },
        templateKey: MAJOR_INCIDENT_TEMPLATE,
        channels: ['email'],
      });
      rules = await this.client.get<Rule[]>('notification', '/rules', token);
    }

    return { missingTemplates: await this.missingTemplates(token, rules), rules: rules.length };
  }

  /** Subscribes a receiver to ticket creations and every SLA event, with a fresh signing secret. */
  async subscribeWebhook(token: string, url: string): Promise<WebhookSubscription> {
    const secret = randomBytes(24).toString('hex');
    const created = await this.client.post<{ id: string }>('notification', '/webhooks', token, {
      url,
      eventTypes: ['ticket.created', 'sla.*'],
      secret,
    });

    return { id: created.id, secret };
  }

  async unsubscribeWebhook(token: string, id: string): Promise<void> {
    await this.client.call('notification', 'DELETE', `/webhooks/${id}`, { token });
  }

  private async missingTemplates(token: string, rules: Rule[]): Promise<string[]> {
    const keys = [...new Set(rules.filter((rule) => rule.enabled).map((rule) => rule.templateKey))];
    const missing: string[] = [];
    for (const key of keys) {
      for (const locale of ['en', 'de']) {
        const found = await this.client.call('notification', 'GET', `/templates/${key}/${locale}`, {
          token,
          accept: [404],
        });
        if (found.status === 404) missing.push(`${key}/${locale}`);
      }
    }

    return missing;
  }
}
