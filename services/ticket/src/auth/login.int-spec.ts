import { jwtVerify, createLocalJWKSet } from 'jose';
import { EventCollector } from '../../test/support/event-collector';
import { TicketServiceFixture } from '../../test/support/ticket-service.fixture';

describe('login, JWKS, API keys and directory events', () => {
  let service: TicketServiceFixture;
  const events = new EventCollector();

  beforeAll(async () => {
    service = await TicketServiceFixture.start({
      LOGIN_MAX_FAILURES: '3',
      LOGIN_LOCKOUT_SECONDS: '600',
    });
    await events.start();
  });

  afterAll(async () => {
    await events.stop();
    await service.close();
  });

  it('issues an RS256 token that verifies against the JWKS endpoint', async () => {
    const login = await service.expectStatus(200, 'POST', '/auth/login', {
      body: { email: 'ADMIN@deskflow.local', password: 'deskflow-admin-dev' },
    });
    const jwks = await service.harness.request('GET', '/.well-known/jwks.json');

    expect(jwks.status).toBe(200);
    const { payload, protectedHeader } = await jwtVerify(
      login.body.accessToken,
      createLocalJWKSet(jwks.body),
    );
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload.sub).toBe(service.admin.id);
    expect(payload.role).toBe('admin');
  });

  it('logs a customer in with the customer role and organisation', async () => {
    const organisation = await service.createOrganisation();
    await service.expectStatus(201, 'POST', '/customers', {
      token: service.admin.token,
      body: {
        email: 'ina@alpha.example',
        name: 'Ina',
        organisationId: organisation.id,
        password: 'correct horse battery',
      },
    });

    const login = await service.expectStatus(200, 'POST', '/auth/login', {
      body: { email: 'ina@alpha.example', password: 'correct horse battery' },
    });

    expect(login.body.actor.role).toBe('customer');
    expect(login.body.actor.organisationId).toBe(organisation.id);
  });

  it('locks an email after repeated failures, even with the right password', async () => {
    await service.expectStatus(201, 'POST', '/agents', {
      token: service.admin.token,
      body: {
        email: 'lock@desk.example',
        name: 'Lock',
        role: 'agent',
        password: 'right password 1',
      },
    });
    for (let attempt = 0; attempt < 3; attempt++) {
      await service.expectStatus(401, 'POST', '/auth/login', {
        body: { email: 'lock@desk.example', password: 'wrong password' },
      });
    }

    const locked = await service.request('POST', '/auth/login', {
      body: { email: 'lock@desk.example', password: 'right password 1' },
    });

    expect(locked.status).toBe(429);
    expect(locked.body.details[0].field).toBe('email');
  });

  it('locks unknown emails the same way, so lockouts reveal no accounts', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      await service.expectStatus(401, 'POST', '/auth/login', {
        body: { email: 'nobody@x.example', password: 'x' },
      });
    }

    const locked = await service.request('POST', '/auth/login', {
      body: { email: 'nobody@x.example', password: 'x' },
    });

    expect(locked.status).toBe(429);
  });

  it('sends Retry-After on lockout, alike for every email', async () => {
    await service.expectStatus(201, 'POST', '/agents', {
      token: service.admin.token,
      body: { email: 'retry@desk.example', name: 'Retry', role: 'agent', password: 'pw agent 1' },
    });
    await service.expectStatus(201, 'POST', '/customers', {
      token: service.admin.token,
      body: { email: 'retry@customer.example', name: 'Retry', password: 'pw customer 1' },
    });
    const lockOut = async (email: string) => {
      for (let attempt = 0; attempt < 3; attempt++) {
        await service.expectStatus(401, 'POST', '/auth/login', {
          body: { email, password: 'wrong password' },
        });
      }

      return service.request('POST', '/auth/login', { body: { email, password: 'x' } });
    };

    const responses = [
      await lockOut('retry@desk.example'),
      await lockOut('retry@customer.example'),
      await lockOut('retry-nobody@desk.example'),
    ];

    const headerNames = (response: (typeof responses)[number]) =>
      [...response.headers.keys()].filter((name) => !['date', 'x-request-id'].includes(name));
    for (const response of responses) {
      expect(response.status).toBe(429);
      expect(response.body.error).toBe('login_locked');
      const retryAfter = Number(response.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(590);
      expect(retryAfter).toBeLessThanOrEqual(600);
      expect(headerNames(response)).toEqual(headerNames(responses[0]));
      expect(Object.keys(response.body)).toEqual(Object.keys(responses[0].body));
    }
  });

  it('rejects malformed login bodies with the field', async () => {
    const response = await service.request('POST', '/auth/login', {
      body: { email: 'not-an-email', password: 'x', extra: 1 },
    });

    expect(response.status).toBe(400);
    const fields = response.body.details.map((detail: { field: string }) => detail.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'extra']));
  });

  it('resolves an API key until it is revoked, storing only a hash', async () => {
    const issued = await service.expectStatus(201, 'POST', '/api-keys', {
      token: service.admin.token,
      body: { name: 'CMDB sync', scopes: ['tickets:read'] },
    });
    const headers = { 'x-api-key': issued.body.key };

    const withKey = await service.request('GET', '/api-keys', { headers });
    expect(withKey.status).toBe(403);
    expect(issued.body.apiKey.keyHash).toBeUndefined();

    await service.expectStatus(200, 'DELETE', `/api-keys/${issued.body.apiKey.id}`, {
      token: service.admin.token,
    });
    const revoked = await service.request('GET', '/api-keys', { headers });
    expect(revoked.status).toBe(401);
  });

  it('publishes agent and queue changes as directory events', async () => {
    const queue = await service.createQueue('Network', { escalationEmails: ['noc@desk.example'] });
    const agent = await service.createAgent({ [queue.id]: 'write' });

    const queueEvent = await events.waitFor(
      'directory.queue_changed',
      (event) => event.subject === queue.id,
    );
    expect(queueEvent.data.escalationEmails).toEqual(['noc@desk.example']);
    const agentEvent = await events.waitFor(
      'directory.agent_changed',
      (event) => event.subject === agent.id && event.data.queueIds.includes(queue.id),
    );
    expect(agentEvent.data.active).toBe(true);
  });

  it('rejects a duplicate agent email with 409 naming the field', async () => {
    const body = { email: 'dup@desk.example', name: 'Dup', role: 'agent' };
    await service.expectStatus(201, 'POST', '/agents', { token: service.admin.token, body });

    const duplicate = await service.request('POST', '/agents', {
      token: service.admin.token,
      body: { ...body, email: 'DUP@desk.example' },
    });

    expect(duplicate.status).toBe(409);
    expect(duplicate.body.details[0].field).toBe('email');
  });
});
