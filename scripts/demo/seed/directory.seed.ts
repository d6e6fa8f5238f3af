import { DeskClient } from '../api/desk-client';
import {
  AGENT_PASSWORD,
  CUSTOMER_PASSWORD,
  DEMO_AGENTS,
  DEMO_ORGANISATIONS,
  DESK_LEAD_EMAIL,
  PersonSeed,
} from './desk-people';

export interface SeededPerson extends PersonSeed {
  id: string;
  token: string;
}

export interface SeededCustomer extends SeededPerson {
  organisationId: string;
}

/** The desk as seeded: ids and tokens that the replay acts with. */
export interface DeskDirectory {
  adminToken: string;
  /** Queue ids by name; includes the default queue that email tickets land in. */
  queues: Map<string, string>;
  defaultQueueId: string;
  agents: SeededPerson[];
  customers: SeededCustomer[];
  organisations: Map<string, string>;
}

interface Named {
  id: string;
  name: string;
  email?: string;
  isDefault?: boolean;
}

/** Finds a record by a key among `existing` or creates it, so that a second run reuses the first's. */
async function ensure(
  existing: Named[],
  matches: (record: Named) => boolean,
  create: () => Promise<Named>,
): Promise<Named> {
  return existing.find(matches) ?? (await create());
}

export class DirectorySeed {
  constructor(private readonly client: DeskClient) {}

  async seed(adminToken: string, queueNames: string[]): Promise<DeskDirectory> {
    const queues = await this.seedQueues(adminToken, queueNames);
    const agents = await this.seedAgents(adminToken);
    await this.grantQueues(adminToken, agents, [...queues.ids.values()]);
    const organisations = new Map<string, string>();
    const customers: SeededCustomer[] = [];
    const knownCustomers = await this.client.get<Named[]>('ticket', '/customers', adminToken);
    for (const organisation of DEMO_ORGANISATIONS) {
      const { customers: people, ...fields } = organisation;
      const id = await this.seedOrganisation(adminToken, fields);
      organisations.set(organisation.name, id);
      for (const person of people) {
        customers.push(await this.seedCustomer(adminToken, knownCustomers, person, id));
      }
    }

    return {
      adminToken,
      queues: queues.ids,
      defaultQueueId: queues.defaultId,
      agents,
      customers,
      organisations,
    };
  }

  private async seedQueues(
    token: string,
    names: string[],
  ): Promise<{ ids: Map<string, string>; defaultId: string }> {
    const existing = await this.client.get<Named[]>('ticket', '/queues', token);
    const ids = new Map<string, string>();
    for (const name of names) {
      const queue = await ensure(
        existing,
        (record) => record.name === name,
        () =>
          this.client.post('ticket', '/queues', token, {
            name,
            description: `Requests about ${name.toLowerCase()}`,
            escalationEmails: [DESK_LEAD_EMAIL],
          }),
      );
      ids.set(name, queue.id);
    }
    const fallback = existing.find((queue) => queue.isDefault);
    if (!fallback) throw new Error('the ticket service lists no default queue (isDefault)');
    ids.set(fallback.name, fallback.id);

    return { ids, defaultId: fallback.id };
  }

  private async seedAgents(token: string): Promise<SeededPerson[]> {
    const existing = await this.client.get<Named[]>('ticket', '/agents', token);
    const agents: SeededPerson[] = [];
    for (const person of DEMO_AGENTS) {
      const known = existing.find((agent) => agent.email === person.email);
      const id = known
        ? (
            await this.client.call<Named>('ticket', 'PATCH', `/agents/${known.id}`, {
              token,
              body: { password: AGENT_PASSWORD, active: true },
            })
          ).body.id
        : (
            await this.client.post<Named>('ticket', '/agents', token, {
              ...person,
              role: 'agent',
              password: AGENT_PASSWORD,
            })
          ).id;
      agents.push({ ...person, id, token: await this.client.login(person.email, AGENT_PASSWORD) });
    }

    return agents;
  }

  private async grantQueues(
    token: string,
    agents: SeededPerson[],
    queueIds: string[],
  ): Promise<void> {
    for (const queueId of queueIds) {
      for (const agent of agents) {
        await this.client.call('ticket', 'PUT', `/queues/${queueId}/members/${agent.id}`, {
          token,
          body: { permission: 'write' },
        });
      }
    }
  }

  private async seedOrganisation(
    token: string,
    fields: { name: string; serviceTier: string; shareTickets: boolean },
  ): Promise<string> {
    const existing = await this.client.get<Named[]>('ticket', '/organisations', token);
    const organisation = await ensure(
      existing,
      (record) => record.name === fields.name,
      () => this.client.post('ticket', '/organisations', token, fields),
    );

    return organisation.id;
  }

  private async seedCustomer(
    token: string,
    existing: Named[],
    person: PersonSeed,
    organisationId: string,
  ): Promise<SeededCustomer> {
    const fields = { ...person, organisationId, password: CUSTOMER_PASSWORD, active: true };
    const known = existing.find((customer) => customer.email === person.email);
    const id = known
      ? (
          await this.client.call<Named>('ticket', 'PATCH', `/customers/${known.id}`, {
            token,
            body: fields,
          })
        ).body.id
      : (await this.client.post<Named>('ticket', '/customers', token, fields)).id;

    return {
      ...person,
      id,
      organisationId,
      token: await this.client.login(person.email, CUSTOMER_PASSWORD),
    };
  }
}
