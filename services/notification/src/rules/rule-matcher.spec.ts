import { randomUUID } from 'node:crypto';
import { ArticleSnapshot, EventEnvelope, TicketSnapshot } from '@deskflow/contracts';
import { NotificationEvent } from '../dispatch/notification-event';
import { matchesConditions } from './rule-matcher';

function event(
  overrides: Partial<TicketSnapshot> = {},
  article?: Partial<ArticleSnapshot>,
): NotificationEvent {
  const ticket = {
    id: randomUUID(),
    number: '1042',
    priority: 'P2',
    queueId: 'q-it',
    owner: null,
    ...overrides,
  } as TicketSnapshot;

  return {
    envelope: { id: randomUUID(), type: 'ticket.article_added' } as EventEnvelope,
    ticket,
    article: article
      ? ({ senderType: 'agent', visibility: 'public', ...article } as ArticleSnapshot)
      : null,
    suppressAutoReply: false,
    dedupeKey: 'x',
    variables: {},
  };
}

describe('matchesConditions', () => {
  it('matches everything without conditions', () => {
    expect(matchesConditions({}, event())).toBe(true);
  });

  it('filters by priority', () => {
    expect(matchesConditions({ priorities: ['P1'] }, event({ priority: 'P1' }))).toBe(true);
    expect(matchesConditions({ priorities: ['P1'] }, event({ priority: 'P3' }))).toBe(false);
  });

  it('filters by sender type and visibility', () => {
    const conditions = { senderTypes: ['agent'], visibilities: ['public'] };

    expect(matchesConditions(conditions, event({}, { visibility: 'public' }))).toBe(true);
    expect(matchesConditions(conditions, event({}, { visibility: 'internal' }))).toBe(false);
    expect(matchesConditions(conditions, event({}, { senderType: 'customer' }))).toBe(false);
  });

  it('counts an article without a kind as a message', () => {
    expect(matchesConditions({ articleKinds: ['message'] }, event({}, {}))).toBe(true);
    expect(matchesConditions({ articleKinds: ['message'] }, event({}, { kind: 'note' }))).toBe(
      false,
    );
  });

  it('treats a missing article as not matching an article condition', () => {
    expect(matchesConditions({ senderTypes: ['agent'] }, event())).toBe(false);
  });

  it('limits to unassigned tickets', () => {
    expect(matchesConditions({ unassigned: true }, event())).toBe(true);
    expect(matchesConditions({ unassigned: true }, event({ owner: { id: randomUUID() } }))).toBe(
      false,
    );
  });
});
