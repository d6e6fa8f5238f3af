import { randomUUID } from 'node:crypto';
import { EventEnvelope, SlaEvents, TicketEvents, TicketSnapshot } from '@deskflow/contracts';
import { waitFor } from '@deskflow/testing';
import {
  ADMIN,
  agent,
  article,
  countsByRecipient,
  NotificationTestbed,
  publishDirectory,
  queue,
  startNotification,
  ticketSnapshot,
  waitForIdle,
} from '../../test/notification-test-kit';

describe('recipients: actor excluded, no duplicates, quiet merge', () => {
  const it_ = queue('IT', { escalationEmails: ['oncall@ops.example.org'] });
  const anna = agent('Anna', [it_.id]);
  const ben = agent('Ben', [it_.id]);
  const cem = agent('Cem', [it_.id]);
  const erika = {
    id: randomUUID(),
    email: 'erika@customer.example.org',
    name: 'Erika',
    language: 'en',
  };
  const keys = {
    anna: `agent:${anna.id}`,
    ben: `agent:${ben.id}`,
    cem: `agent:${cem.id}`,
    erika: `customer:${erika.id}`,
  };
  let bed: NotificationTestbed;
  let ticket1042: TicketSnapshot;

  beforeAll(async () => {
    bed = await startNotification();
    await publishDirectory(bed.publisher, [it_], [anna, ben, cem]);
    const token = await bed.harness.tokenFor(ADMIN);
    const onCall = await bed.harness.request('POST', '/api/v1/rules', {
      token,
      body: {
        name: 'Page the on-call agent for a new P1 ticket',
        eventType: 'ticket.created',
        recipients: [],
        agentIds: [ben.id],
        conditions: { priorities: ['P1'] },
        templateKey: 'ticket_created',
        channels: ['email'],
        position: 30,
      },
    });
    expect(onCall.status).toBe(201);
    ticket1042 = ticketSnapshot(it_.id, {
      number: '1042',
      state: 'open',
      stateType: 'open',
      owner: { id: anna.id, email: anna.email, name: 'Anna' },
      watcherIds: [ben.id],
      customer: erika,
    });
  });

  afterAll(async () => {
    await bed.close();
  });

  async function countsOf(envelopes: EventEnvelope[]): Promise<Record<string, number>> {
    await waitForIdle(bed.db);
    const counts: Record<string, number> = { anna: 0, ben: 0, cem: 0, erika: 0 };
    for (const envelope of envelopes) {
      const byKey = await countsByRecipient(bed.db, envelope.id);
      for (const [name, key] of Object.entries(keys)) counts[name] += byKey.get(key) ?? 0;
    }

    return counts;
  }

  it('notifies each person once for a new high-priority ticket', async () => {
    const ticket1043 = ticketSnapshot(it_.id, { number: '1043', priority: 'P1', customer: erika });
    const created = await bed.publisher.publishAndWait(
      TicketEvents.created,
      { ticket: ticket1043, article: article() },
      { actor: `customer:${erika.id}` },
    );
    const counts = await countsOf([created]);

    expect(counts).toEqual({ anna: 1, ben: 1, cem: 1, erika: 1 });
    expect(bed.smtp.to(ben.email).filter((mail) => mail.subject.includes('[#1043]'))).toHaveLength(
      1,
    );
  });

  it('sends a public reply to the customer and the watcher only', async () => {
    const reply = article({
      senderType: 'agent',
      authorId: anna.id,
      bodyText: 'Restart it, please.',
      messageId: null,
    });
    const added = await bed.publisher.publishAndWait(
      TicketEvents.articleAdded,
      { ticket: ticket1042, article: reply },
      { actor: `agent:${anna.id}` },
    );

    expect(await countsOf([added])).toEqual({ anna: 0, ben: 1, cem: 0, erika: 1 });
  });

  it('sends an internal note to the watcher only', async () => {
    const note = article({
      senderType: 'agent',
      authorId: anna.id,
      visibility: 'internal',
      kind: 'note',
      messageId: null,
    });
    const added = await bed.publisher.publishAndWait(
      TicketEvents.articleAdded,
      { ticket: ticket1042, article: note },
      { actor: `agent:${anna.id}` },
    );

    expect(await countsOf([added])).toEqual({ anna: 0, ben: 1, cem: 0, erika: 0 });
  });

  it('tells nobody when Ben assigns the ticket to himself', async () => {
    const assigned = { ...ticket1042, owner: { id: ben.id, email: ben.email, name: 'Ben' } };
    const event = await bed.publisher.publishAndWait(
      TicketEvents.assigned,
      { ticket: assigned, previousOwnerId: anna.id, ownerId: ben.id },
      { actor: `agent:${ben.id}` },
    );
    const counts = await countsOf([event]);

    expect(counts.ben).toBe(0);
    expect(counts.cem).toBe(0);
    expect(counts.erika).toBe(0);
  });

  it('sends one merge notice and re-sends no moved article', async () => {
    const ticket1044 = ticketSnapshot(it_.id, {
      number: '1044',
      state: 'open',
      stateType: 'open',
      owner: { id: anna.id, email: anna.email, name: 'Anna' },
      customer: erika,
    });
    const replies = [1, 2, 3].map((n) =>
      article({ senderType: 'agent', authorId: cem.id, bodyText: `Answer ${n}`, messageId: null }),
    );
    for (const reply of replies) {
      await bed.publisher.publishAndWait(
        TicketEvents.articleAdded,
        { ticket: ticket1044, article: reply },
        { actor: `agent:${cem.id}` },
      );
    }
    await waitForIdle(bed.db);
    const mailsBefore = bed.smtp.to(erika.email).length;

    const merged = {
      ...ticket1044,
      state: 'merged',
      stateType: 'merged' as const,
      mergedIntoId: ticket1042.id,
    };
    const mergeData = {
      ticket: merged,
      targetTicketId: ticket1042.id,
      targetNumber: '1042',
      mergedAt: new Date().toISOString(),
    };
    const events: EventEnvelope[] = [
      await bed.publisher.publishAndWait(TicketEvents.merged, mergeData, {
        actor: `agent:${anna.id}`,
      }),
    ];
    events.push(
      await bed.publisher.publishAndWait(TicketEvents.merged, mergeData, {
        actor: `agent:${anna.id}`,
      }),
    );
    for (const moved of replies) {
      events.push(
        await bed.publisher.publishAndWait(
          TicketEvents.articleAdded,
          { ticket: ticket1042, article: moved },
          { actor: `agent:${anna.id}` },
        ),
      );
      events.push(
        await bed.publisher.publishAndWait(
          TicketEvents.articleAdded,
          { ticket: merged, article: moved },
          { actor: `agent:${anna.id}` },
        ),
      );
    }
    const counts = await countsOf(events);

    expect(counts.anna).toBe(0);
    expect(counts.cem).toBe(0);
    expect(counts.erika).toBe(1);
    const newMails = bed.smtp.to(erika.email).slice(mailsBefore);
    expect(newMails).toHaveLength(1);
    expect(newMails[0].subject).toContain('continues in ticket #1042');
  });
});

describe('SLA escalation notices', () => {
  const ops = queue('Ops', { escalationEmails: ['oncall@ops.example.org'] });
  const anna = agent('Anna', [ops.id], { email: 'anna.sla@agents.example.org' });
  let bed: NotificationTestbed;

  beforeAll(async () => {
    bed = await startNotification();
    await publishDirectory(bed.publisher, [ops], [anna]);
  });

  afterAll(async () => {
    await bed.close();
  });

  it('sends one warning and one breach notice in total', async () => {
    const ticket = ticketSnapshot(ops.id, {
      owner: { id: anna.id, email: anna.email, name: 'Anna' },
      queueName: 'Ops',
    });
    const clockId = randomUUID();
    const alert = {
      ticketId: ticket.id,
      clockId,
      kind: 'first_response' as const,
      dueAt: '2026-11-16T10:00:00.000Z',
      policyName: 'Standard',
      ticket,
    };
    const warning = await bed.publisher.publishAndWait(SlaEvents.warning, {
      ...alert,
      scheduledAt: '2026-11-16T09:48:00.000Z',
      firedAt: '2026-11-16T09:48:00.500Z',
    });
    const breach = await bed.publisher.publishAndWait(SlaEvents.breached, {
      ...alert,
      scheduledAt: '2026-11-16T10:00:00.000Z',
      firedAt: '2026-11-16T10:00:00.300Z',
    });
    await bed.publisher.send(warning);
    await bed.publisher.send(breach);
    // A restarted scheduler firing the same alert again carries a new event id.
    await bed.publisher.publishAndWait(SlaEvents.breached, {
      ...alert,
      scheduledAt: '2026-11-16T10:00:00.000Z',
      firedAt: '2026-11-16T10:05:01.000Z',
    });
    await bed.publisher.publishAndWait(SlaEvents.cancelled, {
      ticketId: ticket.id,
      clockId,
      kind: 'first_response',
      at: '2026-11-16T10:30:00.000Z',
      dueAt: null,
      reason: 'no_policy',
    });
    await waitForIdle(bed.db);

    const annaMails = bed.smtp.to(anna.email);
    expect(annaMails).toHaveLength(2);
    expect(annaMails.filter((mail) => mail.subject.includes('SLA warning'))).toHaveLength(1);
    expect(annaMails.filter((mail) => mail.subject.includes('SLA breached'))).toHaveLength(1);
    expect(bed.smtp.to('oncall@ops.example.org')).toHaveLength(1);
    await waitFor(() => annaMails[0].subject.includes(`[#${ticket.number}]`), {
      what: 'ticket number in subject',
    });
  });
});
