import {
  ArticleSnapshot,
  EventEnvelope,
  SlaClockAlertPayload,
  TicketArticleAddedPayload,
  TicketCreatedPayload,
  TicketMergedPayload,
  TicketSnapshot,
  TicketStateChangedPayload,
  TicketUpdatedPayload,
} from '@deskflow/contracts';

/** A consumed event reduced to what rules look at and templates show. */
export interface NotificationEvent {
  envelope: EventEnvelope;
  ticket: TicketSnapshot | null;
  article?: ArticleSnapshot | null;
  /** True when the event replies to an automatic message, so no automatic mail may go back to its sender. */
  suppressAutoReply: boolean;
  toStateType?: string;
  clockKind?: string;
  /**
   * Identifies the notification independently of the event id, so that a second event about
   * the same fact (a moved article, a re-fired alert) reaches no recipient twice.
   */
  dedupeKey: string;
  variables: Record<string, unknown>;
}

function baseEvent(envelope: EventEnvelope, ticket: TicketSnapshot | null): NotificationEvent {
  return {
    envelope,
    ticket,
    suppressAutoReply: false,
    dedupeKey: `event:${envelope.id}`,
    variables: {},
  };
}

export function fromTicketEvent(
  envelope: EventEnvelope,
  data: { ticket: TicketSnapshot },
): NotificationEvent {
  return baseEvent(envelope, data.ticket);
}

export function fromTicketCreated(
  envelope: EventEnvelope,
  data: TicketCreatedPayload,
): NotificationEvent {
  const article = data.article ?? null;

  return {
    ...baseEvent(envelope, data.ticket),
    article,
    suppressAutoReply: data.suppressAutoReply === true || article?.automatic === true,
    dedupeKey: `ticket-created:${data.ticket.id}`,
    variables: { articleBody: article?.bodyText ?? null },
  };
}

export function fromArticleAdded(
  envelope: EventEnvelope,
  data: TicketArticleAddedPayload,
): NotificationEvent {
  return {
    ...baseEvent(envelope, data.ticket),
    article: data.article,
    suppressAutoReply: data.suppressAutoReply === true || data.article.automatic,
    dedupeKey: `article:${data.article.id}`,
    variables: {
      articleBody: data.article.bodyText,
      internal: data.article.visibility === 'internal',
      replySubject: data.article.subject ?? null,
    },
  };
}

export function fromUpdated(
  envelope: EventEnvelope,
  data: TicketUpdatedPayload,
): NotificationEvent {
  // A value too large for the event arrives as null with `truncated`; "…" marks it left out.
  const changes = data.changes.map((change) => ({
    field: change.field,
    before: change.truncated && change.before === null ? '…' : describeValue(change.before),
    after: change.truncated && change.after === null ? '…' : describeValue(change.after),
  }));

  return { ...baseEvent(envelope, data.ticket), variables: { changes } };
}

export function fromStateChanged(
  envelope: EventEnvelope,
  data: TicketStateChangedPayload,
): NotificationEvent {
  return { ...baseEvent(envelope, data.ticket), toStateType: data.to.stateType };
}

export function fromMerged(envelope: EventEnvelope, data: TicketMergedPayload): NotificationEvent {
  return {
    ...baseEvent(envelope, data.ticket),
    dedupeKey: `merge:${data.ticket.id}`,
    variables: { targetNumber: data.targetNumber },
  };
}

export function fromSlaAlert(
  envelope: EventEnvelope,
  data: SlaClockAlertPayload,
): NotificationEvent {
  return {
    ...baseEvent(envelope, data.ticket),
    clockKind: data.kind,
    // A scheduler that fires the same alert again under a new event id must not notify again.
    dedupeKey: `${envelope.type}:${data.clockId}:${new Date(data.dueAt).toISOString()}`,
    variables: { clockKind: data.kind, dueAtIso: data.dueAt, policyName: data.policyName ?? null },
  };
}

function describeValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '-';
  if (typeof value === 'string') return value;

  return JSON.stringify(value);
}
