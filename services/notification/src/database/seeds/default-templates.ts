/** A template as the seed migration inserts it. */
export interface TemplateSeed {
  key: string;
  locale: 'en' | 'de';
  subject: string;
  text: string;
  html: string;
}

const SIGNATURE_EN = '-- \nYour service desk';
const SIGNATURE_DE = '-- \nIhr Service Desk';

/**
 * The shipped templates. Placeholders use `{{name}}`; `{{#name}}...{{/name}}` renders a block
 * when the value is set (or once per list item) and `{{^name}}...{{/name}}` when it is not.
 */
export const DEFAULT_TEMPLATES: TemplateSeed[] = [
  {
    key: 'ticket_acknowledged',
    locale: 'en',
    subject: '[#{{ticketNumber}}] We received your request: {{ticketTitle}}',
    text:
      'Hello {{recipientName}},\n\nwe received your request and filed it as ticket #{{ticketNumber}}.\n' +
      '{{#firstResponseDue}}We will answer by {{firstResponseDue}}.\n{{/firstResponseDue}}' +
      '\nPlease keep [#{{ticketNumber}}] in the subject when you reply.\n\n' +
      SIGNATURE_EN,
    html:
      '<p>Hello {{recipientName}},</p><p>we received your request and filed it as ticket ' +
      '<strong>#{{ticketNumber}}</strong>.</p>{{#firstResponseDue}}<p>We will answer by ' +
      '{{firstResponseDue}}.</p>{{/firstResponseDue}}<p>Please keep [#{{ticketNumber}}] in the subject ' +
      'when you reply.</p>',
  },
  {
    key: 'ticket_acknowledged',
    locale: 'de',
    subject: '[#{{ticketNumber}}] Ihre Anfrage ist eingegangen: {{ticketTitle}}',
    text:
      'Guten Tag {{recipientName}},\n\nwir haben Ihre Anfrage erhalten und als Ticket #{{ticketNumber}} erfasst.\n' +
      '{{#firstResponseDue}}Sie erhalten eine Antwort bis {{firstResponseDue}}.\n{{/firstResponseDue}}' +
      '\nBitte lassen Sie [#{{ticketNumber}}] im Betreff, wenn Sie antworten.\n\n' +
      SIGNATURE_DE,
    html:
      '<p>Guten Tag {{recipientName}},</p><p>wir haben Ihre Anfrage erhalten und als Ticket ' +
      '<strong>#{{ticketNumber}}</strong> erfasst.</p>{{#firstResponseDue}}<p>Sie erhalten eine Antwort bis ' +
      '{{firstResponseDue}}.</p>{{/firstResponseDue}}<p>Bitte lassen Sie [#{{ticketNumber}}] im Betreff, ' +
      'wenn Sie antworten.</p>',
  },
  {
    key: 'agent_reply',
    locale: 'en',
    subject: '{{replySubject}}',
    text: '{{articleBody}}\n\n' + SIGNATURE_EN,
    html: '<div style="white-space: pre-wrap">{{articleBody}}</div>',
  },
  {
    key: 'agent_reply',
    locale: 'de',
    subject: '{{replySubject}}',
    text: '{{articleBody}}\n\n' + SIGNATURE_DE,
    html: '<div style="white-space: pre-wrap">{{articleBody}}</div>',
  },
  {
    key: 'ticket_resolved',
    locale: 'en',
    subject: '[#{{ticketNumber}}] Resolved: {{ticketTitle}}',
    text:
      'Hello {{recipientName}},\n\nyour ticket #{{ticketNumber}} is resolved.\n' +
      'How satisfied are you with our help? Rate it here: {{ratingUrl}}\n\n' +
      'If the problem persists, reply to this mail and the ticket reopens.\n\n' +
      SIGNATURE_EN,
    html:
      '<p>Hello {{recipientName}},</p><p>your ticket <strong>#{{ticketNumber}}</strong> is resolved.</p>' +
      '<p>How satisfied are you with our help? <a href="{{ratingUrl}}">Rate it here</a>.</p>' +
      '<p>If the problem persists, reply to this mail and the ticket reopens.</p>',
  },
  {
    key: 'ticket_resolved',
    locale: 'de',
    subject: '[#{{ticketNumber}}] Gelöst: {{ticketTitle}}',
    text:
      'Guten Tag {{recipientName}},\n\nIhr Ticket #{{ticketNumber}} ist gelöst.\n' +
      'Wie zufrieden sind Sie mit unserer Hilfe? Hier bewerten: {{ratingUrl}}\n\n' +
      'Besteht das Problem weiter, antworten Sie auf diese Mail, dann wird das Ticket wieder geöffnet.\n\n' +
      SIGNATURE_DE,
    html:
      '<p>Guten Tag {{recipientName}},</p><p>Ihr Ticket <strong>#{{ticketNumber}}</strong> ist gelöst.</p>' +
      '<p>Wie zufrieden sind Sie mit unserer Hilfe? <a href="{{ratingUrl}}">Hier bewerten</a>.</p>' +
      '<p>Besteht das Problem weiter, antworten Sie auf diese Mail, dann wird das Ticket wieder geöffnet.</p>',
  },
  {
    key: 'ticket_merged',
    locale: 'en',
    subject:
      '[#{{targetNumber}}] Your request #{{ticketNumber}} continues in ticket #{{targetNumber}}',
    text:
      'Hello {{recipientName}},\n\nwe merged your request #{{ticketNumber}} into ticket #{{targetNumber}}, ' +
      'which covers the same issue. Further replies come from ticket #{{targetNumber}}.\n\n' +
      SIGNATURE_EN,
    html:
      '<p>Hello {{recipientName}},</p><p>we merged your request #{{ticketNumber}} into ticket ' +
      '<strong>#{{targetNumber}}</strong>, which covers the same issue. Further replies come from ticket ' +
      '#{{targetNumber}}.</p>',
  },
  {
    key: 'ticket_merged',
    locale: 'de',
    subject:
      '[#{{targetNumber}}] Ihre Anfrage #{{ticketNumber}} wird in Ticket #{{targetNumber}} bearbeitet',
    text:
      'Guten Tag {{recipientName}},\n\nwir haben Ihre Anfrage #{{ticketNumber}} mit Ticket #{{targetNumber}} ' +
      'zusammengeführt, das dasselbe Anliegen behandelt. Weitere Antworten kommen aus Ticket #{{targetNumber}}.\n\n' +
      SIGNATURE_DE,
    html:
      '<p>Guten Tag {{recipientName}},</p><p>wir haben Ihre Anfrage #{{ticketNumber}} mit Ticket ' +
      '<strong>#{{targetNumber}}</strong> zusammengeführt, das dasselbe Anliegen behandelt. Weitere Antworten ' +
      'kommen aus Ticket #{{targetNumber}}.</p>',
  },
  {
    key: 'ticket_created',
    locale: 'en',
    subject: '[#{{ticketNumber}}] New ticket in {{queueName}}: {{ticketTitle}}',
    text:
      'New unassigned ticket #{{ticketNumber}} ({{priority}}) in queue {{queueName}} from {{customerName}}:\n\n' +
      '{{ticketTitle}}\n{{#articleBody}}\n{{articleBody}}\n{{/articleBody}}',
    html:
      '<p>New unassigned ticket <strong>#{{ticketNumber}}</strong> ({{priority}}) in queue {{queueName}} ' +
      'from {{customerName}}:</p><p><strong>{{ticketTitle}}</strong></p>' +
      '{{#articleBody}}<blockquote style="white-space: pre-wrap">{{articleBody}}</blockquote>{{/articleBody}}',
  },
  {
    key: 'ticket_created',
    locale: 'de',
    subject: '[#{{ticketNumber}}] Neues Ticket in {{queueName}}: {{ticketTitle}}',
    text:
      'Neues, nicht zugewiesenes Ticket #{{ticketNumber}} ({{priority}}) in der Queue {{queueName}} ' +
      'von {{customerName}}:\n\n{{ticketTitle}}\n{{#articleBody}}\n{{articleBody}}\n{{/articleBody}}',
    html:
      '<p>Neues, nicht zugewiesenes Ticket <strong>#{{ticketNumber}}</strong> ({{priority}}) in der Queue ' +
      '{{queueName}} von {{customerName}}:</p><p><strong>{{ticketTitle}}</strong></p>' +
      '{{#articleBody}}<blockquote style="white-space: pre-wrap">{{articleBody}}</blockquote>{{/articleBody}}',
  },
  {
    key: 'ticket_assigned',
    locale: 'en',
    subject: '[#{{ticketNumber}}] Assigned to you: {{ticketTitle}}',
    text: 'Ticket #{{ticketNumber}} ({{priority}}, queue {{queueName}}) is now assigned to you.\n\n{{ticketTitle}}',
    html:
      '<p>Ticket <strong>#{{ticketNumber}}</strong> ({{priority}}, queue {{queueName}}) is now assigned to you.</p>' +
      '<p>{{ticketTitle}}</p>',
  },
  {
    key: 'ticket_assigned',
    locale: 'de',
    subject: '[#{{ticketNumber}}] Ihnen zugewiesen: {{ticketTitle}}',
    text: 'Ticket #{{ticketNumber}} ({{priority}}, Queue {{queueName}}) ist Ihnen jetzt zugewiesen.\n\n{{ticketTitle}}',
    html:
      '<p>Ticket <strong>#{{ticketNumber}}</strong> ({{priority}}, Queue {{queueName}}) ist Ihnen jetzt ' +
      'zugewiesen.</p><p>{{ticketTitle}}</p>',
  },
  {
    key: 'customer_replied',
    locale: 'en',
    subject: '[#{{ticketNumber}}] {{customerName}} replied: {{ticketTitle}}',
    text: '{{customerName}} wrote on ticket #{{ticketNumber}}:\n\n{{articleBody}}',
    html:
      '<p>{{customerName}} wrote on ticket <strong>#{{ticketNumber}}</strong>:</p>' +
      '<blockquote style="white-space: pre-wrap">{{articleBody}}</blockquote>',
  },
  {
    key: 'customer_replied',
    locale: 'de',
    subject: '[#{{ticketNumber}}] Antwort von {{customerName}}: {{ticketTitle}}',
    text: '{{customerName}} hat zu Ticket #{{ticketNumber}} geschrieben:\n\n{{articleBody}}',
    html:
      '<p>{{customerName}} hat zu Ticket <strong>#{{ticketNumber}}</strong> geschrieben:</p>' +
      '<blockquote style="white-space: pre-wrap">{{articleBody}}</blockquote>',
  },
  {
    key: 'article_added',
    locale: 'en',
    subject:
      '[#{{ticketNumber}}] {{#internal}}Internal note{{/internal}}{{^internal}}Reply{{/internal}} by {{authorName}}: {{ticketTitle}}',
    text: '{{authorName}} added {{#internal}}an internal note{{/internal}}{{^internal}}a public reply{{/internal}} to ticket #{{ticketNumber}}:\n\n{{articleBody}}',
    html:
      '<p>{{authorName}} added {{#internal}}an internal note{{/internal}}{{^internal}}a public reply{{/internal}} ' +
      'to ticket <strong>#{{ticketNumber}}</strong>:</p><blockquote style="white-space: pre-wrap">{{articleBody}}</blockquote>',
  },
  {
    key: 'article_added',
    locale: 'de',
    subject:
      '[#{{ticketNumber}}] {{#internal}}Interne Notiz{{/internal}}{{^internal}}Antwort{{/internal}} von {{authorName}}: {{ticketTitle}}',
    text: '{{authorName}} hat Ticket #{{ticketNumber}} {{#internal}}eine interne Notiz{{/internal}}{{^internal}}eine öffentliche Antwort{{/internal}} hinzugefügt:\n\n{{articleBody}}',
    html:
      '<p>{{authorName}} hat Ticket <strong>#{{ticketNumber}}</strong> {{#internal}}eine interne Notiz{{/internal}}' +
      '{{^internal}}eine öffentliche Antwort{{/internal}} hinzugefügt:</p><blockquote style="white-space: pre-wrap">{{articleBody}}</blockquote>',
  },
  {
    key: 'ticket_updated',
    locale: 'en',
    subject: '[#{{ticketNumber}}] Updated: {{ticketTitle}}',
    text: 'Ticket #{{ticketNumber}} changed:\n{{#changes}}- {{field}}: {{before}} -> {{after}}\n{{/changes}}',
    html: '<p>Ticket <strong>#{{ticketNumber}}</strong> changed:</p><ul>{{#changes}}<li>{{field}}: {{before}} &rarr; {{after}}</li>{{/changes}}</ul>',
  },
  {
    key: 'ticket_updated',
    locale: 'de',
    subject: '[#{{ticketNumber}}] Geändert: {{ticketTitle}}',
    text: 'Ticket #{{ticketNumber}} wurde geändert:\n{{#changes}}- {{field}}: {{before}} -> {{after}}\n{{/changes}}',
    html: '<p>Ticket <strong>#{{ticketNumber}}</strong> wurde geändert:</p><ul>{{#changes}}<li>{{field}}: {{before}} &rarr; {{after}}</li>{{/changes}}</ul>',
  },
  {
    key: 'sla_warning',
    locale: 'en',
    subject: '[#{{ticketNumber}}] SLA warning: {{clockName}} due {{dueAt}}',
    text: 'The {{clockName}} target of ticket #{{ticketNumber}} ({{ticketTitle}}) is due at {{dueAt}}{{#policyName}} under policy {{policyName}}{{/policyName}}.',
    html: '<p>The {{clockName}} target of ticket <strong>#{{ticketNumber}}</strong> ({{ticketTitle}}) is due at {{dueAt}}{{#policyName}} under policy {{policyName}}{{/policyName}}.</p>',
  },
  {
    key: 'sla_warning',
    locale: 'de',
    subject: '[#{{ticketNumber}}] SLA-Warnung: {{clockName}} fällig {{dueAt}}',
    text: 'Das Ziel {{clockName}} von Ticket #{{ticketNumber}} ({{ticketTitle}}) ist am {{dueAt}} fällig{{#policyName}} (Richtlinie {{policyName}}){{/policyName}}.',
    html: '<p>Das Ziel {{clockName}} von Ticket <strong>#{{ticketNumber}}</strong> ({{ticketTitle}}) ist am {{dueAt}} fällig{{#policyName}} (Richtlinie {{policyName}}){{/policyName}}.</p>',
  },
  {
    key: 'sla_breached',
    locale: 'en',
    subject: '[#{{ticketNumber}}] SLA breached: {{clockName}} was due {{dueAt}}',
    text: 'The {{clockName}} target of ticket #{{ticketNumber}} ({{ticketTitle}}, queue {{queueName}}) was due at {{dueAt}} and is breached.',
    html: '<p>The {{clockName}} target of ticket <strong>#{{ticketNumber}}</strong> ({{ticketTitle}}, queue {{queueName}}) was due at {{dueAt}} and is breached.</p>',
  },
  {
    key: 'sla_breached',
    locale: 'de',
    subject: '[#{{ticketNumber}}] SLA verletzt: {{clockName}} war fällig {{dueAt}}',
    text: 'Das Ziel {{clockName}} von Ticket #{{ticketNumber}} ({{ticketTitle}}, Queue {{queueName}}) war am {{dueAt}} fällig und ist verletzt.',
    html: '<p>Das Ziel {{clockName}} von Ticket <strong>#{{ticketNumber}}</strong> ({{ticketTitle}}, Queue {{queueName}}) war am {{dueAt}} fällig und ist verletzt.</p>',
  },
  {
    key: 'pending_reminder',
    locale: 'en',
    subject: '[#{{ticketNumber}}] Reminder due: {{ticketTitle}}',
    text: 'The pending reminder of ticket #{{ticketNumber}} is due and the ticket is open again.',
    html: '<p>The pending reminder of ticket <strong>#{{ticketNumber}}</strong> is due and the ticket is open again.</p>',
  },
  {
    key: 'pending_reminder',
    locale: 'de',
    subject: '[#{{ticketNumber}}] Erinnerung fällig: {{ticketTitle}}',
    text: 'Die Erinnerung von Ticket #{{ticketNumber}} ist fällig, das Ticket ist wieder offen.',
    html: '<p>Die Erinnerung von Ticket <strong>#{{ticketNumber}}</strong> ist fällig, das Ticket ist wieder offen.</p>',
  },
  {
    key: 'digest',
    locale: 'en',
    subject: '{{count}} ticket notifications',
    text: '{{count}} notifications arrived in the last minutes:\n\n{{#items}}- [#{{ticketNumber}}] {{summary}}\n{{/items}}',
    html: '<p>{{count}} notifications arrived in the last minutes:</p><ul>{{#items}}<li>[#{{ticketNumber}}] {{summary}}</li>{{/items}}</ul>',
  },
  {
    key: 'digest',
    locale: 'de',
    subject: '{{count}} Ticket-Benachrichtigungen',
    text: 'In den letzten Minuten sind {{count}} Benachrichtigungen eingegangen:\n\n{{#items}}- [#{{ticketNumber}}] {{summary}}\n{{/items}}',
    html: '<p>In den letzten Minuten sind {{count}} Benachrichtigungen eingegangen:</p><ul>{{#items}}<li>[#{{ticketNumber}}] {{summary}}</li>{{/items}}</ul>',
  },
];
