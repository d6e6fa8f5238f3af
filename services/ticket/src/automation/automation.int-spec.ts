import { EventCollector } from '../../test/support/event-collector';
import { Person, TicketServiceFixture } from '../../test/support/ticket-service.fixture';

describe('automation rules API', () => {
  let service: TicketServiceFixture;
  const events = new EventCollector();
  let general: { id: string };
  let network: { id: string };
  let agent: Person;
  let customer: Person;
  let goldCustomer: Person;

  const admin = () => service.admin.token;
  const createRule = async (body: Record<string, unknown>) =>
    (await service.expectStatus(201, 'POST', '/automation/rules', { token: admin(), body })).body;

  beforeAll(async () => {
    service = await TicketServiceFixture.start();
    await events.start();
    general = await service.createQueue('Service desk');
    network = await service.createQueue('Network');
    agent = await service.createAgent({ [general.id]: 'write', [network.id]: 'write' });
    customer = await service.createCustomer();
    const gold = await service.createOrganisation(false, 'gold');
    goldCustomer = await service.createCustomer(gold.id);

    await createRule({
      name: 'VPN to Network',
      triggers: ['create'],
      conditions: [{ field: 'text', operator: 'contains_any', values: ['vpn', 'firewall'] }],
      actions: { queueId: network.id, addTags: ['network'] },
    });
    await createRule({
      name: 'Gold customers are urgent',
      triggers: ['create', 'update'],
      conditions: [{ field: 'organisationTier', operator: 'in', values: ['gold', 'platinum'] }],
      actions: { urgency: 'high', internalNote: 'Gold customer: answer within the hour.' },
    });
    await createRule({
      name: 'Outage reference',
      triggers: ['create'],
      conditions: [{ field: 'body', operator: 'matches', values: ['INC-\\d{4,}'], flags: 'i' }],
      actions: { type: 'problem', priority: 'P1' },
      stopProcessing: true,
    });
  });

  afterAll(async () => {
    await events.stop();
    await service.close();
  });

  it('routes on create and records the rule in the history', async () => {
    const { ticket } = await service.createTicket(
      {
        title: 'VPN drops every hour',
        queueId: general.id,
        customerId: customer.id,
        article: { bodyText: 'Since Monday.' },
      },
      agent.token,
    );

    expect(ticket.queue.id).toBe(network.id);
    expect(ticket.tags).toEqual(['network']);
    const history = await service.expectStatus(200, 'GET', `/tickets/${ticket.id}/history`, {
      token: admin(),
    });
    const applied = history.body.filter((row: any) => row.field === 'automationRule');
    expect(applied).toHaveLength(1);
    expect(applied[0].newValue.name).toBe('VPN to Network');
    expect(applied[0].actor).toBe('system');
    const created = await events.waitFor('ticket.created', (event) => event.subject === ticket.id);
    expect(created.data.ticket.queueId).toBe(network.id);
    expect(created.data.ticket.queueName).toBe('Network');
  });

  it('runs rules in order and stops after a stopping rule', async () => {
    const { ticket } = await service.createTicket(
      {
        title: 'Firewall down',
        queueId: general.id,
        customerId: goldCustomer.id,
        article: { bodyText: 'See inc-20431 for details' },
      },
      agent.token,
    );

    expect(ticket.queue.id).toBe(network.id);
    expect(ticket.priority).toBe('P1');
    expect(ticket.urgency).toBe('high');
    expect(ticket.type).toBe('problem');
    const articles = await service.expectStatus(200, 'GET', `/tickets/${ticket.id}/articles`, {
      token: admin(),
    });
    const notes = articles.body.filter((article: any) => article.visibility === 'internal');
    expect(notes).toHaveLength(1);
    expect(notes[0].bodyText).toBe('Gold customer: answer within the hour.');
    const added = await events.waitFor(
      'ticket.article_added',
      (event) => event.data.article.id === notes[0].id,
    );
    expect(added.subject).toBe(ticket.id);
    expect(added.data.article.visibility).toBe('internal');
  });

  it('runs update rules on customer messages', async () => {
    await createRule({
      name: 'Coffee machine to facilities',
      triggers: ['update'],
      conditions: [{ field: 'body', operator: 'contains_any', values: ['kaffeemaschine'] }],
      actions: { addTags: ['facilities'] },
    });
    const { ticket } = await service.createTicket(
      {
        title: 'Kitchen',
        queueId: general.id,
        customerId: customer.id,
        article: { bodyText: 'Something is broken.' },
      },
      agent.token,
    );
    expect(ticket.tags).toEqual([]);

    await service.expectStatus(201, 'POST', `/portal/tickets/${ticket.id}/replies`, {
      token: customer.token,
      body: { body: 'Es ist die Kaffeemaschine im 2. OG.' },
    });

    const current = await service.expectStatus(200, 'GET', `/tickets/${ticket.id}`, {
      token: admin(),
    });
    expect(current.body.tags).toEqual(['facilities']);
    const updated = await events.waitFor('ticket.updated', (event) => event.subject === ticket.id);
    expect(updated.data.changes).toEqual([{ field: 'tags', before: [], after: ['facilities'] }]);
  });

  it('runs update rules and sends their changes in the update event', async () => {
    const { ticket, etag } = await service.createTicket(
      { title: 'Printer', queueId: general.id, customerId: customer.id },
      agent.token,
    );
    expect(ticket.urgency).toBeNull();

    const updated = await service.expectStatus(200, 'PATCH', `/tickets/${ticket.id}`, {
      token: agent.token,
      headers: { 'if-match': etag },
      body: { customerId: goldCustomer.id },
    });

    expect(updated.body.urgency).toBe('high');
    expect(updated.body.priority).toBe('P2');
    const event = await events.waitFor(
      'ticket.updated',
      (candidate) => candidate.subject === ticket.id,
    );
    const fields = event.data.changes.map((change: any) => change.field);
    expect(fields).toEqual(expect.arrayContaining(['customerId', 'urgency', 'priority']));
  });

  it('shows in a dry run which rules would fire for a draft', async () => {
    const response = await service.expectStatus(200, 'POST', '/automation/rules/dry-run', {
      token: admin(),
      body: { draft: { title: 'VPN slow', body: 'ref INC-12345', customerId: goldCustomer.id } },
    });

    const fired = response.body.rules
      .filter((rule: any) => rule.fired)
      .map((rule: any) => rule.name);
    expect(fired).toEqual(['VPN to Network', 'Gold customers are urgent', 'Outage reference']);
    expect(response.body.outcome.priority).toBe('P1');
    expect(response.body.outcome.queueId).toBe(network.id);
  });

  it('rejects a catastrophic pattern at save time naming the value', async () => {
    const response = await service.request('POST', '/automation/rules', {
      token: admin(),
      body: {
        name: 'Backtracking',
        triggers: ['create'],
        conditions: [{ field: 'subject', operator: 'matches', values: ['^(a+)+$'] }],
        actions: { addTags: ['x'] },
      },
    });

    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe('conditions.0.values.0');
    expect(response.body.details[0].reason).toContain('ms limit');
  });

  it.each([
    [{ field: 'channel', operator: 'contains_any', values: ['x'] }, 'conditions.0.operator'],
    [{ field: 'subject', operator: 'matches', values: ['(unclosed'] }, 'conditions.0.values.0'],
    [{ field: 'customField', operator: 'exists', values: [] }, 'conditions.0.key'],
    [{ field: 'subject', operator: 'contains_any', values: [] }, 'conditions.0.values'],
  ])('rejects condition %j naming %s', async (condition, field) => {
    const response = await service.request('POST', '/automation/rules', {
      token: admin(),
      body: { name: `Bad ${field}`, triggers: ['create'], conditions: [condition], actions: {} },
    });

    expect(response.status).toBe(400);
    expect(response.body.details.map((detail: any) => detail.field)).toContain(field);
  });

  it('requires the actions of a rule', async () => {
    const response = await service.request('POST', '/automation/rules', {
      token: admin(),
      body: { name: 'No actions', triggers: ['create'], conditions: [] },
    });

    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([{ field: 'actions', reason: 'actions is required' }]);
  });

  it('imports a repository rule set as inactive rules', async () => {
    const missing = await service.request('POST', '/automation/rules/rule-sets/departments', {
      token: admin(),
    });
    expect(missing.status).toBe(400);
    expect(missing.body.details[0].reason).toContain('does not exist');

    for (const name of [
      'Billing and Payments',
      'Returns and Exchanges',
      'Service Outages and Maintenance',
      'Sales and Pre-Sales',
      'Human Resources',
      'IT Support',
      'Product Support',
      'Technical Support',
      'Customer Service',
    ]) {
      await service.createQueue(name);
    }
    const imported = await service.expectStatus(
      201,
      'POST',
      '/automation/rules/rule-sets/service-desk',
      { token: admin() },
    );

    expect(imported.body).toHaveLength(11);
    expect(imported.body.every((rule: any) => rule.active === false)).toBe(true);
    expect(imported.body[2].name).toBe('service-desk: Route to Billing and Payments');
  });

  it('keeps rules admin-only', async () => {
    const response = await service.request('GET', '/automation/rules', { token: agent.token });

    expect(response.status).toBe(403);
  });

  it('updates, lists in order and deletes a rule', async () => {
    const rule = await createRule({
      name: 'Temporary',
      position: 0,
      triggers: ['update'],
      conditions: [],
      actions: { addTags: ['t'] },
    });

    await service.expectStatus(200, 'PATCH', `/automation/rules/${rule.id}`, {
      token: admin(),
      body: { active: false },
    });
    const list = await service.expectStatus(200, 'GET', '/automation/rules', { token: admin() });
    expect(list.body[0]).toMatchObject({ name: 'Temporary', active: false, version: 2 });
    await service.expectStatus(204, 'DELETE', `/automation/rules/${rule.id}`, { token: admin() });
    await service.expectStatus(404, 'GET', `/automation/rules/${rule.id}`, { token: admin() });
  });
});
