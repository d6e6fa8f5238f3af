import { EventCollector } from '../../test/support/event-collector';
import { Person, TicketServiceFixture } from '../../test/support/ticket-service.fixture';

describe('auto-assignment API', () => {
  let service: TicketServiceFixture;
  let queue: { id: string };
  let available: Person[];
  let away: Person;
  let readOnly: Person;
  let customer: Person;
  const events = new EventCollector();

  const admin = () => service.admin.token;
  const setMode = (queueId: string, mode: string) =>
    service.expectStatus(200, 'PUT', `/queues/${queueId}/assignment`, {
      token: admin(),
      body: { mode },
    });
  const setAvailable = (agent: Person, value: boolean, token = agent.token) =>
    service.request('PUT', `/agents/${agent.id}/availability`, {
      token,
      body: { available: value },
    });
  const create = async (queueId: string) =>
    (await service.createTicket({ title: 'Needs an owner', queueId, customerId: customer.id }))
      .ticket;

  beforeAll(async () => {
    service = await TicketServiceFixture.start();
    await events.start();
    queue = await service.createQueue('Round robin');
    available = [
      await service.createAgent({ [queue.id]: 'write' }),
      await service.createAgent({ [queue.id]: 'write' }),
    ];
    available.sort((a, b) => a.id.localeCompare(b.id));
    away = await service.createAgent({ [queue.id]: 'write' });
    readOnly = await service.createAgent({ [queue.id]: 'read' });
    for (const agent of [...available, readOnly])
      expect((await setAvailable(agent, true)).status).toBe(200);
    customer = await service.createCustomer();
  });

  afterAll(async () => {
    await events.stop();
    await service.close();
  });

  it('leaves tickets unassigned while the queue is off', async () => {
    const ticket = await create(queue.id);

    expect(ticket.owner).toBeNull();
  });

  it('takes turns among available agents with write permission', async () => {
    await setMode(queue.id, 'round_robin');

    const owners = [];
    for (let index = 0; index < 4; index += 1) owners.push((await create(queue.id)).owner?.id);

    expect(owners).toEqual([available[0].id, available[1].id, available[0].id, available[1].id]);
    expect(owners).not.toContain(away.id);
    expect(owners).not.toContain(readOnly.id);
  });

  it('publishes ticket.assigned on auto-assignment', async () => {
    const ticket = await create(queue.id);

    const assigned = await events.waitFor(
      'ticket.assigned',
      (event) => event.subject === ticket.id,
    );
    expect(assigned.data.ownerId).toBe(ticket.owner.id);
    expect(assigned.data.previousOwnerId).toBeNull();
  });

  it('hands out one slot per ticket when tickets arrive at once', async () => {
    const tickets = await Promise.all(Array.from({ length: 6 }, () => create(queue.id)));

    const counts = new Map<string, number>();
    for (const ticket of tickets)
      counts.set(ticket.owner.id, (counts.get(ticket.owner.id) ?? 0) + 1);
    expect([...counts.values()]).toEqual([3, 3]);
  });

  it('picks the agent with the fewest open tickets', async () => {
    const least = await service.createQueue('Least open');
    const busy = await service.createAgent({ [least.id]: 'write' });
    const idle = await service.createAgent({ [least.id]: 'write' });
    await setAvailable(busy, true);
    await setAvailable(idle, true);
    await service.createTicket({
      title: 'Busy work',
      queueId: least.id,
      customerId: customer.id,
      ownerId: busy.id,
    });
    await setMode(least.id, 'least_open');

    expect((await create(least.id)).owner.id).toBe(idle.id);
    expect([busy.id, idle.id]).toContain((await create(least.id)).owner.id);
  });

  it('assigns in the queue an automation rule routed to', async () => {
    const routed = await service.createQueue('Routed');
    const member = await service.createAgent({ [routed.id]: 'write' });
    await setAvailable(member, true);
    await setMode(routed.id, 'round_robin');
    await service.expectStatus(201, 'POST', '/automation/rules', {
      token: admin(),
      body: {
        name: 'Route payroll',
        triggers: ['create'],
        conditions: [{ field: 'subject', operator: 'contains_any', values: ['payroll'] }],
        actions: { queueId: routed.id },
      },
    });

    const { ticket } = await service.createTicket({
      title: 'Payroll export fails',
      queueId: queue.id,
      customerId: customer.id,
    });

    expect(ticket.queue.id).toBe(routed.id);
    expect(ticket.owner.id).toBe(member.id);
  });

  it('lets agents set only their own availability', async () => {
    expect((await setAvailable(away, true, available[0].token)).status).toBe(403);
    expect((await setAvailable(away, false, admin())).status).toBe(200);
    const own = await service.request('GET', `/agents/${away.id}/availability`, {
      token: away.token,
    });
    expect(own.body).toEqual({ agentId: away.id, available: false });
  });

  it('rejects an unknown mode naming the field', async () => {
    const response = await service.request('PUT', `/queues/${queue.id}/assignment`, {
      token: admin(),
      body: { mode: 'random' },
    });

    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe('mode');
  });
});
