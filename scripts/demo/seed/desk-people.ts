import { Locale, OrganisationTier } from '@deskflow/contracts';

/** The invented staff and customers of the demo desk; addresses use reserved example domains. */
export interface PersonSeed {
  name: string;
  email: string;
  language: Locale;
}

export interface OrganisationSeed {
  name: string;
  serviceTier: OrganisationTier;
  shareTickets: boolean;
  customers: PersonSeed[];
}

export const AGENT_PASSWORD = 'demo-agent-password';
export const CUSTOMER_PASSWORD = 'demo-customer-password';

/** Receives the escalation copy of every breach; queues list it as their escalation contact. */
export const DESK_LEAD_EMAIL = 'desk-lead@desk.example.com';

export const DEMO_AGENTS: PersonSeed[] = [
  { name: 'Lena Weber', email: 'lena.weber@desk.example.com', language: 'de' },
  { name: 'Tom Becker', email: 'tom.becker@desk.example.com', language: 'de' },
  { name: 'Priya Nair', email: 'priya.nair@desk.example.com', language: 'en' },
  { name: 'Sam Olsen', email: 'sam.olsen@desk.example.com', language: 'en' },
  { name: 'Mara Schulz', email: 'mara.schulz@desk.example.com', language: 'de' },
];

export const DEMO_ORGANISATIONS: OrganisationSeed[] = [
  {
    name: 'Nordlicht Logistik GmbH',
    serviceTier: 'gold',
    shareTickets: true,
    customers: [
      { name: 'Jonas Richter', email: 'jonas.richter@nordlicht.example.de', language: 'de' },
      { name: 'Anke Vogel', email: 'anke.vogel@nordlicht.example.de', language: 'de' },
      { name: 'Felix Krause', email: 'felix.krause@nordlicht.example.de', language: 'de' },
    ],
  },
  {
    name: 'Kanzlei Brandt & Partner',
    serviceTier: 'silver',
    shareTickets: false,
    customers: [
      {
        name: 'Dr. Sabine Brandt',
        email: 'sabine.brandt@kanzlei-brandt.example.de',
        language: 'de',
      },
      { name: 'Ole Hansen', email: 'ole.hansen@kanzlei-brandt.example.de', language: 'de' },
    ],
  },
  {
    name: 'Harbor Analytics Ltd',
    serviceTier: 'standard',
    shareTickets: false,
    customers: [
      { name: 'Grace Miller', email: 'grace.miller@harbor-analytics.example.com', language: 'en' },
      { name: 'Owen Price', email: 'owen.price@harbor-analytics.example.com', language: 'en' },
      { name: 'Ruth Adeyemi', email: 'ruth.adeyemi@harbor-analytics.example.com', language: 'en' },
    ],
  },
  {
    name: 'Blue Fern Studios',
    serviceTier: 'platinum',
    shareTickets: true,
    customers: [
      { name: 'Leo Martins', email: 'leo.martins@bluefern.example.com', language: 'en' },
      { name: 'Hana Sato', email: 'hana.sato@bluefern.example.com', language: 'en' },
    ],
  },
];
