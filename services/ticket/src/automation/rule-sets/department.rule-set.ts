import { keywordRule, routeRule, RuleSet } from './rule-set';

/*
 * Keyword routing and prioritisation for a desk organised by department (German tickets).
 * Priority rules run first and do not stop the run: requests and documentation drop to P4,
 * failures and urgency raise to P2, and everything else stays P3. Then the first matching
 * department wins. Product names (VPN, Terraform, DSGVO) are the strongest routing signals,
 * so the specific departments come before the broad ones.
 */
export const departmentRuleSet: RuleSet = {
  name: 'departments',
  description: 'Routes German tickets to ten departments and sets P2/P3/P4 from keywords',
  queues: [
    'Account & Billing Management',
    'Legal & Compliance Requests',
    'Network Infrastructure',
    'Security Operations',
    'Release Management',
    'Software Development',
    'Data Analytics & Reporting',
    'Customer Onboarding',
    'Partner & Vendor Coordination',
    'User Experience & Design Feedback',
  ],
  rules: [
    keywordRule({
      name: 'Requests and documentation are low priority',
      keywords: ['anfrage', 'dokumentation', 'unterstützung bei', 'hilfe bei', 'aktualisierung', 'klärung', 'vorlage'],
      actions: { priority: 'P4' },
      field: 'subject',
    }),
    keywordRule({
      name: 'Failures and urgency are high priority',
      keywords: ['dringend', 'kritisch', 'ausfall', 'fehlgeschlagen', 'schlägt', 'ablehnung', 'sicherheitslücke', 'beeinträchtigt', 'sofort'],
      actions: { priority: 'P2' },
    }),
    routeRule('Account & Billing Management', ['rechnung', 'abrechnung', 'zahlung', 'abonnement', 'gutschrift', 'guthaben', 'konto']),
    routeRule('Legal & Compliance Requests', ['dsgvo', 'gdpr', 'hipaa', 'konformität', 'compliance', 'audit', 'datenschutz', 'verschlüsselung']),
    routeRule('Network Infrastructure', ['vpn', 'netzwerk', 'router', 'firewall', 'wlan', 'slack', 'verbindung']),
    routeRule('Security Operations', ['sicherheit', 'schwachstelle', 'malware', 'virus', 'kamera', 'patch', 'avast']),
    routeRule('Release Management', ['bereitstellung', 'release', 'deployment', 'update', 'version', 'pipeline']),
    routeRule('Software Development', ['build', 'intellij', 'terraform', 'vagrant', 'docker', 'api', 'code', 'entwicklung']),
    routeRule('Data Analytics & Reporting', ['etl', 'daten', 'dashboard', 'bericht', 'mysql', 'analyse', 'report']),
    routeRule('Customer Onboarding', ['migration', 'onboarding', 'einrichtung', 'tutorial', 'crm-konfiguration', 'schulung']),
    routeRule('Partner & Vendor Coordination', ['integration', 'synchronisierung', 'partner', 'anbieter', 'lieferant', 'gitlab']),
    routeRule('User Experience & Design Feedback', ['kontrast', 'design', 'benutzeroberfläche', 'anwendung', 'funktionalität', 'barrierefreiheit']),
  ],
};
