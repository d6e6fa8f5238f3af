import { randomUUID } from 'node:crypto';
import { Actor } from '@deskflow/auth';
import {
  RequestOptions,
  ServiceHarness,
  startServiceHarness,
  TestResponse,
} from '@deskflow/testing';
import { serviceAppOptions } from '../../src/service.config';
import { DEV_ADMIN_EMAIL, DEV_ADMIN_PASSWORD } from '../../src/people/admin-seed.service';

export interface Person {
  id: string;
  email: string;
  token: string;
}

/**
 * A running ticket service with the seeded admin logged in and helpers that create people,
 * queues and tickets through the public API.
 */
export class TicketServiceFixture {
  private constructor(
    readonly harness: ServiceHarness,
    readonly admin: Person,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<TicketServiceFixture> {
    const harness = await startServiceHarness(serviceAppOptions, env);
    const login = await harness.request('POST', '/api/v1/auth/login', {
      body: { email: DEV_ADMIN_EMAIL, password: DEV_ADMIN_PASSWORD },
    });
    if (login.status !== 200) throw new Error(`admin login failed: ${JSON.stringify(login.body)}`);

    return new TicketServiceFixture(harness, {
      id: login.body.actor.id,
      email: DEV_ADMIN_EMAIL,
      token: login.body.accessToken,
    });
  }

  close(): Promise<void> {
    return this.harness.close();
  }

  request<T = any>(
    method: string,
    path: string,
    options?: RequestOptions,
  ): Promise<TestResponse<T>> {
    return this.harness.request<T>(method, `/api/v1${path}`, options);
  }

  /** Sends a request and fails with the response body unless the status is the expected one. */
  async expectStatus<T = any>(
    status: number,
    method: string,
    path: string,
    options?: RequestOptions,
  ): Promise<TestResponse<T>> {
    const response = await this.request<T>(method, path, options);
    if (response.status !== status) {
      throw new Error(
        `${method} ${path}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`,
      );
    }

    return response;
  }

  async createQueue(
    name = `Queue ${randomUUID().slice(0, 8)}`,
    extra: object = {},
  ): Promise<{ id: string; name: string }> {
    const response = await this.expectStatus(201, 'POST', '/queues', {
      token: this.admin.token,
      body: { name, ...extra },
    });

    return response.body;
  }

  async createAgent(
    memberships: Record<string, 'read' | 'write'> = {},
    role: 'agent' | 'admin' = 'agent',
  ): Promise<Person> {
    const email = `agent-${randomUUID().slice(0, 8)}@desk.example`;
    const agent = await this.expectStatus(201, 'POST', '/agents', {
      token: this.admin.token,
      body: { email, name: `Agent ${email}`, role },
    });
    for (const [queueId, permission] of Object.entries(memberships)) {
      await this.expectStatus(200, 'PUT', `/queues/${queueId}/members/${agent.body.id}`, {
        token: this.admin.token,
        body: { permission },
      });
    }
    const token = await this.harness.tokenFor({ id: agent.body.id, role, email } as Actor);

    return { id: agent.body.id, email, token };
  }

  async createOrganisation(
    shareTickets = false,
    serviceTier = 'standard',
  ): Promise<{ id: string }> {
    const response = await this.expectStatus(201, 'POST', '/organisations', {
      token: this.admin.token,
      body: { name: `Org ${randomUUID().slice(0, 8)}`, shareTickets, serviceTier },
    });

    return response.body;
  }

  async createCustomer(organisationId?: string, language = 'en'): Promise<Person> {
    const email = `customer-${randomUUID().slice(0, 8)}@example.org`;
    const customer = await this.expectStatus(201, 'POST', '/customers', {
      token: this.admin.token,
      body: { email, name: `Customer ${email}`, organisationId, language },
    });
    const token = await this.harness.tokenFor({
      id: customer.body.id,
      role: 'customer',
      email,
      organisationId,
    });

    return { id: customer.body.id, email, token };
  }

  /** Creates a ticket as the given agent (or the admin) and returns the body and ETag. */
  async createTicket(
    body: Record<string, unknown>,
    token = this.admin.token,
  ): Promise<{ ticket: any; etag: string }> {
    const response = await this.expectStatus(201, 'POST', '/tickets', { token, body });

    return { ticket: response.body, etag: response.headers.get('etag') ?? '' };
  }

  async etagOf(ticketId: string, token = this.admin.token): Promise<string> {
    const response = await this.expectStatus(200, 'GET', `/tickets/${ticketId}`, { token });

    return response.headers.get('etag') ?? '';
  }
}
