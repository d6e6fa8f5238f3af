import { keywordRule, routeRule, RuleSet } from './rule-set';

/*
 * Keyword routing and prioritisation for a service desk with the queues listed below, in
 * English and German. Rules run in order:
 *
 * 1. Priority, from the subject only: every ticket starts at P3. Requests for information
 *    drop to P4, and words for an outage, a security incident or urgency raise it to P2. The
 *    raising rule runs last, so an urgent inquiry ends up P2. Bodies are left out because
 *    long bodies mention such words in passing.
 * 2. Routing: the first queue rule that matches wins (it stops the run). The most specific
 *    queues (billing, returns, outages) come first; the broad technical queues come last, and
 *    a ticket that no rule routes keeps the queue it arrived in.
 *
 * Keywords match case-insensitively as substrings, so "rechnung" also finds "Rechnungsnummer".
 */
export const serviceDeskRuleSet: RuleSet = {
  name: 'service-desk',
  description:
    'Routes to nine service-desk queues and sets P2/P3/P4 from keywords (English and German)',
  queues: [
    'Billing and Payments',
    'Returns and Exchanges',
    'Service Outages and Maintenance',
    'Sales and Pre-Sales',
    'Human Resources',
    'IT Support',
    'Product Support',
    'Technical Support',
    'Customer Service',
  ],
  rules: [
    keywordRule({
      name: 'Information requests are low priority',
      keywords: [
        'inquiry',
        'query',
        'question',
        'clarification',
        'documentation',
        'information',
        'anfrage',
        'erkundigung',
        'dokumentation',
        'auskunft',
      ],
      actions: { priority: 'P4' },
      field: 'subject',
    }),
    keywordRule({
      name: 'Outages, security incidents and urgent requests are high priority',
      keywords: [
        'urgent',
        'critical',
        'severe',
        'outage',
        'disruption',
        'breach',
        'security incident',
        'failure',
        'immediate',
        'dringend',
        'kritisch',
        'ausfall',
        'störung',
        'sicherheitsvorfall',
        'sofort',
        'unterbrechung',
      ],
      actions: { priority: 'P2' },
      field: 'subject',
    }),
    routeRule('Billing and Payments', [
      'invoice',
      'billing',
      'payment',
      'charge',
      'refund',
      'rechnung',
      'abrechnung',
      'zahlung',
      'gutschrift',
    ]),
    routeRule('Returns and Exchanges', [
      'return',
      'exchange',
      'rücksendung',
      'rückgabe',
      'umtausch',
      'rückerstattung',
    ]),
    routeRule('Service Outages and Maintenance', [
      'outage',
      'downtime',
      'maintenance',
      'service disruption',
      'ausfallzeit',
      'wartung',
    ]),
    routeRule('Sales and Pre-Sales', [
      'pricing',
      'quote',
      'purchase',
      'investment',
      'angebot',
      'verkauf',
      'kaufen',
    ]),
    routeRule('Human Resources', [
      'payroll',
      'employee',
      'vacation',
      'onboarding',
      'personal',
      'gehalt',
      'urlaub',
    ]),
    routeRule('IT Support', [
      'laptop',
      'printer',
      'peripheral',
      'overheating',
      'bluetooth',
      'wlan',
      'wifi',
      'office',
      'drucker',
      'verbindungsstörung',
    ]),
    routeRule('Product Support', [
      'product',
      'setup',
      'sensor',
      'device integration',
      'produkt',
      'anleitung',
      'einrichtung',
    ]),
    routeRule('Technical Support', [
      'system',
      'server',
      'network',
      'security',
      'integration',
      'ssd',
      'hardware',
      'software',
      'netzwerk',
      'sicherheit',
      'infrastruktur',
    ]),
    routeRule('Customer Service', ['marketing', 'account', 'service', 'konto', 'kunde']),
  ],
};
